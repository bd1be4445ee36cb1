/**
 * Writing a workbook as the text of a `*.convsheet.json` file (CONTRACTS.md section 2): keys in a fixed
 * order, every setting in the form the user wrote it, defaults written out so the file says what it
 * computes, `ui` and `learn` as they were. Values are flat and row-major beside their shape, one row per
 * line (a 3 x 3 filter reads as a 3 x 3 grid). Numbers are written exactly: reading the text back gives
 * the same float64 values, -0 included, so readWorkbook(writeWorkbook(w)) equals w.
 */
import { WORKBOOK_VERSION, type Layer, type TensorOrShape, type Workbook } from './types';

/** A flat list of numbers written `rowLength` to a line. */
class Rows {
  constructor(
    readonly values: ArrayLike<number>,
    readonly rowLength: number,
  ) {}
}

/** Short lists of plain values stay on one line up to this width. */
const INLINE_WIDTH = 80;
/** A bias or other vector with no row of its own is written this many values to a line. */
const VECTOR_ROW = 16;

export function writeWorkbook(workbook: Workbook): string {
  const doc: Record<string, unknown> = { format: 'convsheet', version: WORKBOOK_VERSION };
  if (workbook.name !== undefined) doc.name = workbook.name;
  doc.input = tensorJson(workbook.input);
  doc.layers = workbook.layers.map(layerJson);
  if (workbook.ui !== undefined) doc.ui = workbook.ui;
  if (workbook.learn !== undefined) doc.learn = workbook.learn;
  return `${emit(doc, '')}\n`;
}

/** `{"shape", "data"}`, data left out for a shape-only tensor; a row is the last axis (W, KW or IN). */
function tensorJson(t: TensorOrShape): Record<string, unknown> {
  const out: Record<string, unknown> = { shape: [...t.shape] };
  if (t.data !== null) out.data = new Rows(t.data, t.shape[t.shape.length - 1] ?? VECTOR_ROW);
  return out;
}

function layerJson(layer: Layer): Record<string, unknown> {
  const head = { type: layer.type, name: layer.name };
  switch (layer.type) {
    case 'conv2d':
      return {
        ...head,
        weight: tensorJson(layer.weight),
        ...biasJson(layer),
        stride: layer.stride,
        padding: layer.padding,
        paddingMode: layer.paddingMode,
        dilation: layer.dilation,
        flip: layer.flip,
        trainable: layer.trainable,
      };
    case 'dense':
      return { ...head, weight: tensorJson(layer.weight), ...biasJson(layer), trainable: layer.trainable };
    case 'maxpool2d':
      return {
        ...head,
        size: layer.size,
        // A missing stride means "the window size" and stays missing, so it follows a new size.
        ...(layer.stride === null ? {} : { stride: layer.stride }),
        padding: layer.padding,
        ...(layer.dilation === 1 ? {} : { dilation: layer.dilation }),
      };
    case 'avgpool2d':
      return {
        ...head,
        size: layer.size,
        ...(layer.stride === null ? {} : { stride: layer.stride }),
        padding: layer.padding,
        countIncludePad: layer.countIncludePad,
      };
    case 'leaky_relu':
      return { ...head, slope: layer.slope };
    case 'dropout':
      return { ...head, p: layer.p };
    default:
      return head;
  }
}

/** A bias-free layer stays bias-free; a shape-only bias is written `{"shape": [OUT]}`. */
function biasJson(layer: Extract<Layer, { type: 'conv2d' | 'dense' }>): Record<string, unknown> {
  if (!layer.hasBias) return {};
  const { data, shape } = layer.bias;
  return { bias: data === null ? { shape: [...shape] } : new Rows(data, VECTOR_ROW) };
}

function numberText(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** JSON text of a value: objects one key per line, short lists inline, Rows row by row. */
function emit(v: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (v instanceof Rows) {
    const { values, rowLength } = v;
    const row = Math.max(1, rowLength);
    const lines: string[] = [];
    for (let start = 0; start < values.length; start += row) {
      const end = Math.min(values.length, start + row);
      const cells: string[] = [];
      for (let k = start; k < end; k++) cells.push(numberText(values[k] ?? 0));
      lines.push(cells.join(', '));
    }
    if (lines.length <= 1) return `[${lines[0] ?? ''}]`;
    return `[\n${inner}${lines.join(`,\n${inner}`)}\n${indent}]`;
  }
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v !== 'object') return 'null';
  if (Array.isArray(v)) {
    const items: unknown[] = v;
    if (items.length === 0) return '[]';
    const plain = items.every((x) => x === null || typeof x !== 'object');
    const parts = items.map((x) => emit(x, inner));
    const line = `[${parts.join(', ')}]`;
    if (plain && line.length + indent.length <= INLINE_WIDTH) return line;
    return `[\n${inner}${parts.join(`,\n${inner}`)}\n${indent}]`;
  }
  if ('toJSON' in v && typeof v.toJSON === 'function')
    return emit((v.toJSON as () => unknown).call(v), indent);
  const entries = Object.entries(v).filter(
    ([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol',
  );
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${emit(x, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
