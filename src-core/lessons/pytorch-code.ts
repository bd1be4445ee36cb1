/**
 * The framework call: the current sheet written as PyTorch code a learner can paste into a notebook.
 * The model is an `nn.Sequential` with one module per sheet layer (a dense layer reading a map gets
 * its `nn.Flatten()` beside it), loaded with the sheet's own numbers, in float64, so running it prints
 * the sheet's values. A second form writes one conv layer as the functional `F.conv2d` call.
 */
import { pairOf } from '../sheet/resolve';
import type { ResolvedLayer, ResolvedWorkbook } from '../sheet/shapes';
import type { Conv2dLayer } from '../sheet/types';

/** A number as Python reads it back exactly (JavaScript's shortest round-trip text is valid Python). */
function py(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "float('-inf')";
  return String(v);
}

function pair(v: number | readonly [number, number]): string {
  const [a, b] = pairOf(v);
  return `(${a}, ${b})`;
}

function list(values: ArrayLike<number> | null): string {
  if (values === null) return '[]';
  return `[${Array.from(values, py).join(', ')}]`;
}

function convPadding(l: Conv2dLayer): string {
  return typeof l.padding === 'string' ? `'${l.padding}'` : pair(l.padding);
}

/** The module that computes one sheet layer on a batch of one (N x C x H x W, or N x features when flat). */
function moduleOf(r: ResolvedLayer, flat: boolean): string {
  switch (r.type) {
    case 'conv2d': {
      const l = r.layer;
      const [out, cin, kh, kw] = l.weight.shape;
      return (
        `nn.Conv2d(${cin}, ${out}, kernel_size=(${kh}, ${kw}), stride=${pair(l.stride)}, ` +
        `padding=${convPadding(l)}, dilation=${pair(l.dilation)}, bias=${l.hasBias ? 'True' : 'False'}, ` +
        `padding_mode='${l.paddingMode}')`
      );
    }
    case 'dense': {
      const [out, inFeatures] = r.layer.weight.shape;
      return `nn.Linear(${inFeatures}, ${out}, bias=${r.layer.hasBias ? 'True' : 'False'})`;
    }
    case 'relu':
      return 'nn.ReLU()';
    case 'leaky_relu':
      return `nn.LeakyReLU(${py(r.layer.slope)})`;
    case 'sigmoid':
      return 'nn.Sigmoid()';
    case 'tanh':
      return 'nn.Tanh()';
    case 'maxpool2d': {
      const l = r.layer;
      const stride = l.stride === null ? pair(l.size) : pair(l.stride);
      return `nn.MaxPool2d(kernel_size=${pair(l.size)}, stride=${stride}, padding=${pair(l.padding)}, dilation=${pair(l.dilation)})`;
    }
    case 'avgpool2d': {
      const l = r.layer;
      const stride = l.stride === null ? pair(l.size) : pair(l.stride);
      const include = l.countIncludePad ? 'True' : 'False';
      return `nn.AvgPool2d(kernel_size=${pair(l.size)}, stride=${stride}, padding=${pair(l.padding)}, count_include_pad=${include})`;
    }
    case 'globalavgpool':
      return 'nn.AdaptiveAvgPool2d(1)';
    case 'globalmaxpool':
      return 'nn.AdaptiveMaxPool2d(1)';
    case 'flatten':
      return flat ? 'nn.Identity()' : 'nn.Flatten()';
    case 'softmax':
      return 'nn.Softmax(dim=1)';
    case 'dropout':
      return `nn.Dropout(p=${py(r.layer.p)})`;
  }
}

/** Layers that read a map (N x C x H x W) and those that read a vector (N x features). */
const readsMap = new Set(['conv2d', 'maxpool2d', 'avgpool2d', 'globalavgpool', 'globalmaxpool']);
const readsVector = new Set(['dense', 'softmax']);
const givesVector = new Set(['flatten', 'dense', 'softmax']);

/** Lines that copy one weighted layer's numbers into the module at `target`. */
function loadLines(r: ResolvedLayer, target: string): string[] {
  if (r.type !== 'conv2d' && r.type !== 'dense') return [];
  const l = r.layer;
  const shape = l.weight.shape.join(', ');
  let weight = `torch.tensor(${list(l.weight.data)}, dtype=torch.float64).reshape(${shape})`;
  // nn.Conv2d cross-correlates: a true convolution (flip) is the same with each kernel rotated 180 degrees.
  if (r.type === 'conv2d' && r.layer.flip) weight = `torch.flip(${weight}, [2, 3])`;
  const lines = [`    ${target}.weight.copy_(${weight})`];
  if (l.hasBias)
    lines.push(`    ${target}.bias.copy_(torch.tensor(${list(l.bias.data)}, dtype=torch.float64))`);
  return lines;
}

/** The whole sheet as a runnable PyTorch script that prints the scores. */
export function pytorchCode(resolved: ResolvedWorkbook): string {
  const [c, h, w] = resolved.inputShape;
  const modules: string[] = [];
  const loads: string[] = [];
  let flat = false;
  resolved.layers.forEach((r, k) => {
    let code = moduleOf(r, flat);
    let target = `model[${k}]`;
    // Reshape between the two batch layouts where the sheet's C x H x W needs it: a dense layer reads
    // its input flattened; a conv or pool after a vector reads it as C x 1 x 1.
    if (readsVector.has(r.type) && !flat) {
      code = `nn.Sequential(nn.Flatten(), ${code})`;
      target = `model[${k}][1]`;
    } else if (readsMap.has(r.type) && flat) {
      code = `nn.Sequential(nn.Unflatten(1, (${r.inputShape[0]}, 1, 1)), ${code})`;
      target = `model[${k}][1]`;
    }
    if (givesVector.has(r.type)) flat = true;
    else if (readsMap.has(r.type)) flat = false;
    modules.push(`    ${code},  # ${r.layer.name}: ${r.outputShape.join(' x ')}`);
    loads.push(...loadLines(r, target));
  });
  return [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    '# The sheet computes in float64, as this script does.',
    'torch.set_default_dtype(torch.float64)',
    '',
    'model = nn.Sequential(',
    ...modules,
    ')',
    'model.eval()',
    'with torch.no_grad():',
    ...(loads.length > 0 ? loads : ['    pass']),
    '',
    `# The input, ${c} x ${h} x ${w}, as a batch of one.`,
    `x = torch.tensor(${list(resolved.workbook.input.data)}, dtype=torch.float64).reshape(1, ${c}, ${h}, ${w})`,
    'with torch.no_grad():',
    '    scores = model(x)',
    'print(scores)',
    '',
  ].join('\n');
}

/** One conv layer as the functional call, on input `x` (1 x C x H x W), weight `w` and bias `b`. */
export function conv2dCall(r: ResolvedLayer & { type: 'conv2d' }): string {
  const l = r.layer;
  const g = r.geometry;
  const weight = l.flip ? 'torch.flip(w, [2, 3])' : 'w';
  const bias = l.hasBias ? 'b' : 'None';
  const rest = `stride=(${g.strideH}, ${g.strideW}), dilation=(${g.dilationH}, ${g.dilationW})`;
  if (l.paddingMode === 'zeros' && g.padTop === g.padBottom && g.padLeft === g.padRight) {
    return `F.conv2d(x, ${weight}, ${bias}, ${rest}, padding=(${g.padTop}, ${g.padLeft}))`;
  }
  const mode = l.paddingMode === 'zeros' ? 'constant' : l.paddingMode;
  const pad = `(${g.padLeft}, ${g.padRight}, ${g.padTop}, ${g.padBottom})`;
  return `F.conv2d(F.pad(x, ${pad}, mode='${mode}'), ${weight}, ${bias}, ${rest})`;
}
