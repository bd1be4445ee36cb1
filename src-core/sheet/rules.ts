/**
 * The rules each layer's own settings must keep, whatever reaches it: sizes are whole numbers of at
 * least 1, padding at least 0, no size over the limits, data as long as its shape, `"same"` only at
 * stride 1, pool padding at most half the window, 0 <= p < 1. They apply to a workbook read from a file
 * and to one the user is editing alike, so the UI shows the same message for the same mistake.
 * Rules that depend on the map reaching the layer (channels, fit, reflect padding) are in shapes.ts.
 */
import { formatShape, sizeOf } from '../tensor';
import { formatCount, layerLabel, plural, showSetting, type IssueList } from './issues';
import { LIMITS } from './limits';
import { pairOf } from './resolve';
import type { InputTensor, IntOrPair, Layer, PaddingSetting, TensorOrShape } from './types';

const TOTAL_LIMIT = `${formatCount(LIMITS.values)} (2^27) per tensor`;

/** What stride, dilation and pool size must be. */
export const SIZE_RULE = 'a whole number of at least 1 (or a pair of them)';
/** What a conv's padding must be. */
export const CONV_PADDING_RULE = 'a whole number of at least 0 (or a pair of them), "valid" or "same"';
/** What a pool's padding must be. */
export const POOL_PADDING_RULE = 'a whole number of at least 0 (or a pair of them)';

/** The label a message starts with; an empty name (being edited) falls back to the position. */
export function labelOf(layer: Layer, index: number): string {
  return layerLabel(index, layer.name === '' ? null : layer.name);
}

/** A whole number in [min, max]; false after reporting why not. */
function checkCount(
  v: number,
  min: number,
  max: number,
  path: string,
  subject: string,
  rule: string,
  issues: IssueList,
): boolean {
  if (!Number.isInteger(v) || v < min) {
    issues.error(path, `${subject} must be ${rule}; got ${showSetting(v)}`);
    return false;
  }
  if (v > max) {
    issues.error(path, `${subject} is ${v}, over the limit of ${max}`);
    return false;
  }
  return true;
}

/** A shape's sizes: whole numbers of at least 1, within the per-size limit (except exempted axes). */
function checkShape(
  shape: readonly number[],
  axisNames: readonly string[],
  path: string,
  subject: string,
  issues: IssueList,
  unlimitedAxis = -1,
): boolean {
  let ok = true;
  shape.forEach((s, i) => {
    const max = i === unlimitedAxis ? LIMITS.values : LIMITS.dimension;
    const name = `${subject} shape[${i}] (${axisNames[i] ?? i})`;
    ok = checkCount(s, 1, max, `${path}.shape[${i}]`, name, 'a whole number of at least 1', issues) && ok;
  });
  if (!ok) return false;
  const n = sizeOf(shape);
  if (n > LIMITS.values) {
    issues.error(
      `${path}.shape`,
      `${subject} ${formatShape(shape)} holds ${formatCount(n)} values, over the limit of ${TOTAL_LIMIT}`,
    );
    return false;
  }
  return true;
}

/** Data, when present, holds exactly as many values as its shape; the path points where it goes wrong. */
function checkDataLength(t: TensorOrShape, path: string, subject: string, issues: IssueList): void {
  if (t.data === null) return;
  const need = sizeOf(t.shape);
  const have = t.data.length;
  if (have === need) return;
  const what = `${subject} has ${formatCount(have)} values, its shape ${formatShape(t.shape)} needs ${formatCount(need)}`;
  if (have < need) issues.error(`${path}[${have}]`, `${what} (${formatCount(need - have)} missing)`);
  else issues.error(`${path}[${need}]`, `${what} (${formatCount(have - need)} extra, from index ${need})`);
}

/** Stride, dilation or pool size: a whole number of at least 1, or a pair of them. */
function checkSizeSetting(
  v: IntOrPair,
  path: string,
  label: string,
  setting: string,
  issues: IssueList,
): boolean {
  return checkIntOrPair(v, 1, path, label, setting, SIZE_RULE, issues);
}

function checkIntOrPair(
  v: IntOrPair,
  min: number,
  path: string,
  label: string,
  setting: string,
  rule: string,
  issues: IssueList,
): boolean {
  const values = typeof v === 'number' ? [v] : v;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] ?? NaN;
    const where = typeof v === 'number' ? path : `${path}[${i}]`;
    if (!Number.isInteger(x) || x < min) {
      issues.error(where, `${label}: ${setting} must be ${rule}; got ${showSetting(v)}`);
      return false;
    }
    if (x > LIMITS.dimension) {
      issues.error(where, `${label}: ${setting} ${showSetting(v)} is over the limit of ${LIMITS.dimension}`);
      return false;
    }
  }
  return true;
}

function checkConvPadding(v: PaddingSetting, path: string, label: string, issues: IssueList): boolean {
  if (v === 'valid' || v === 'same') return true;
  return checkIntOrPair(v, 0, path, label, 'padding', CONV_PADDING_RULE, issues);
}

/** The input image: C x H x W sizes within the limits and data of the right length. */
export function checkInput(input: InputTensor, issues: IssueList): boolean {
  const ok = checkShape(input.shape, ['C', 'H', 'W'], 'input', 'input:', issues);
  if (ok) checkDataLength(input, 'input.data', 'input: data', issues);
  return ok;
}

/**
 * One layer's own rules. Returns false when its shapes or settings are too broken to work out what it
 * outputs (a data length error alone does not stop that).
 */
export function checkLayer(layer: Layer, index: number, issues: IssueList): boolean {
  const label = labelOf(layer, index);
  const at = `layers[${index}]`;
  if (layer.name === '') issues.error(`${at}.name`, `${label}: name must not be empty`);
  switch (layer.type) {
    case 'conv2d': {
      const shapeOk = checkShape(
        layer.weight.shape,
        ['OUT', 'IN', 'KH', 'KW'],
        `${at}.weight`,
        `${label}: weight`,
        issues,
      );
      if (shapeOk) checkDataLength(layer.weight, `${at}.weight.data`, `${label}: weight data`, issues);
      const biasOk = shapeOk && checkBias(layer, at, label, 'filter', issues);
      const strideOk = checkSizeSetting(layer.stride, `${at}.stride`, label, 'stride', issues);
      const dilationOk = checkSizeSetting(layer.dilation, `${at}.dilation`, label, 'dilation', issues);
      const paddingOk = checkConvPadding(layer.padding, `${at}.padding`, label, issues);
      if (strideOk && layer.padding === 'same' && pairOf(layer.stride).some((s) => s !== 1)) {
        issues.error(
          `${at}.padding`,
          `${label}: padding "same" needs stride 1 (PyTorch refuses "same" for strided convolutions); ` +
            `stride is ${showSetting(layer.stride)}`,
        );
        return false;
      }
      return shapeOk && biasOk && strideOk && dilationOk && paddingOk;
    }
    case 'dense': {
      // IN is the flattened size of the maps reaching the layer, so only the total bounds it.
      const shapeOk = checkShape(
        layer.weight.shape,
        ['OUT', 'IN'],
        `${at}.weight`,
        `${label}: weight`,
        issues,
        1,
      );
      if (shapeOk) checkDataLength(layer.weight, `${at}.weight.data`, `${label}: weight data`, issues);
      return shapeOk && checkBias(layer, at, label, 'output', issues);
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const sizeOk = checkSizeSetting(layer.size, `${at}.size`, label, 'size', issues);
      const strideOk =
        layer.stride === null || checkSizeSetting(layer.stride, `${at}.stride`, label, 'stride', issues);
      const dilationOk =
        layer.type === 'avgpool2d' ||
        checkSizeSetting(layer.dilation, `${at}.dilation`, label, 'dilation', issues);
      const paddingOk = checkIntOrPair(
        layer.padding,
        0,
        `${at}.padding`,
        label,
        'padding',
        POOL_PADDING_RULE,
        issues,
      );
      if (
        sizeOk &&
        paddingOk &&
        !checkPoolPadding(layer.size, layer.padding, `${at}.padding`, label, issues)
      ) {
        return false;
      }
      return sizeOk && strideOk && dilationOk && paddingOk;
    }
    case 'leaky_relu':
      if (!Number.isFinite(layer.slope)) {
        issues.error(
          `${at}.slope`,
          `${label}: slope must be a finite number; got ${showSetting(layer.slope)}`,
        );
      }
      return true;
    case 'dropout':
      if (!(layer.p >= 0 && layer.p < 1)) {
        issues.error(
          `${at}.p`,
          `${label}: p must be at least 0 and less than 1 (kept values are scaled by 1/(1-p)); ` +
            `got ${showSetting(layer.p)}`,
        );
      }
      return true;
    default:
      return true;
  }
}

/** One bias per filter (conv) or per output (dense). */
function checkBias(
  layer: Extract<Layer, { type: 'conv2d' | 'dense' }>,
  at: string,
  label: string,
  perWhat: string,
  issues: IssueList,
): boolean {
  const out = layer.weight.shape[0];
  const have = layer.bias.shape[0];
  if (have !== out) {
    issues.error(
      `${at}.bias`,
      `${label}: bias has ${have} values but there are ${plural(out, perWhat)} ` +
        `(weight shape ${formatShape(layer.weight.shape)}); one bias per ${perWhat}`,
    );
    return false;
  }
  checkDataLength(layer.bias, `${at}.bias`, `${label}: bias`, issues);
  return true;
}

/**
 * PyTorch's pooling rule: padding at most half the window on each axis (pad <= floor(k / 2)), so that
 * every window holds at least one input cell.
 */
function checkPoolPadding(
  size: IntOrPair,
  padding: IntOrPair,
  path: string,
  label: string,
  issues: IssueList,
): boolean {
  const [kh, kw] = pairOf(size);
  const [ph, pw] = pairOf(padding);
  const allowed: [number, number] = [Math.floor(kh / 2), Math.floor(kw / 2)];
  if (ph <= allowed[0] && pw <= allowed[1]) return true;
  const pairs = typeof size !== 'number' || typeof padding !== 'number';
  const window = pairs ? `${kh} x ${kw}` : `${kh}`;
  const upTo = pairs ? showSetting(allowed) : `${allowed[0]}`;
  issues.error(
    path,
    `${label}: padding must be at most half the window (PyTorch's rule): window ${window} allows up to ${upTo}; ` +
      `got ${showSetting(padding)}`,
  );
  return false;
}
