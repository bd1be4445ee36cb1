/**
 * IDX files, the format MNIST and Fashion-MNIST ship in: a 4-byte magic (two zero bytes, a type code,
 * the number of dimensions), one big-endian 32-bit size per dimension, then the values row-major.
 * An images file is N x 28 x 28 unsigned bytes, a labels file N unsigned bytes. Gzipped files
 * (`*.gz`, the usual download) must be decompressed first by the platform (zlib in the command line,
 * DecompressionStream in the app); `isGzip` tells them apart.
 */
import type { Example, ExampleSet } from '../learn/example-set';
import { IssueList, type Result } from '../sheet/issues';

export type IdxType = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';

export interface IdxArray {
  readonly type: IdxType;
  /** Sizes of the dimensions, outermost first (N x H x W for images, N for labels). */
  readonly dims: readonly number[];
  readonly data: Float64Array;
  /** Items (along the first dimension) the file holds; `dims[0]` when all were read. */
  readonly items: number;
}

const TYPES: Record<number, { type: IdxType; bytes: number }> = {
  0x08: { type: 'ubyte', bytes: 1 },
  0x09: { type: 'byte', bytes: 1 },
  0x0b: { type: 'short', bytes: 2 },
  0x0c: { type: 'int', bytes: 4 },
  0x0d: { type: 'float', bytes: 4 },
  0x0e: { type: 'double', bytes: 8 },
};

/** Most values one IDX file may hold here: 60,000 MNIST images are 47 million. */
export const IDX_MAX_VALUES = 2 ** 26;

/** True for gzip data (magic bytes 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads an uncompressed IDX file; `name` is used in messages. With `maxItems`, only the first that many
 * items along the first dimension are converted (the file is checked whole): 60,000 MNIST images as
 * float64 would take 376 MB.
 */
export function readIdx(bytes: Uint8Array, name: string, maxItems = Infinity): Result<IdxArray> {
  const issues = new IssueList();
  if (isGzip(bytes)) {
    issues.error('', `${name}: the file is gzipped; decompress it first`);
    return issues.failure();
  }
  const kind = TYPES[bytes[2] ?? -1];
  const rank = bytes[3] ?? 0;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || kind === undefined || rank < 1 || rank > 4) {
    issues.error(
      '',
      `${name}: not an IDX file (it should start with 00 00, a type code 08-0E and 1-4 dimensions)`,
    );
    return issues.failure();
  }
  const header = 4 + 4 * rank;
  if (bytes.length < header) {
    issues.error('', `${name}: the header is cut short (${bytes.length} bytes, ${header} needed)`);
    return issues.failure();
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d));
  const empty = dims.indexOf(0);
  if (empty !== -1) {
    // A size of 0 holds no images; passed on, it would make examples of shape 1 x 0 x W.
    issues.error('', `${name}: dimension ${empty + 1} of ${dims.join(' x ')} is 0: the file holds no values`);
    return issues.failure();
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (count > IDX_MAX_VALUES) {
    issues.error('', `${name}: ${dims.join(' x ')} values is over the limit of ${IDX_MAX_VALUES}`);
    return issues.failure();
  }
  if (bytes.length < header + count * kind.bytes) {
    issues.error(
      '',
      `${name}: the file is cut short: ${dims.join(' x ')} ${kind.type} values need ${header + count * kind.bytes} bytes, it has ${bytes.length}`,
    );
    return issues.failure();
  }
  const items = dims[0] ?? 0;
  const kept = Math.min(items, maxItems);
  const read = (count / items) * kept;
  const data = new Float64Array(read);
  for (let k = 0; k < read; k++) {
    const at = header + k * kind.bytes;
    switch (kind.type) {
      case 'ubyte':
        data[k] = view.getUint8(at);
        break;
      case 'byte':
        data[k] = view.getInt8(at);
        break;
      case 'short':
        data[k] = view.getInt16(at);
        break;
      case 'int':
        data[k] = view.getInt32(at);
        break;
      case 'float':
        data[k] = view.getFloat32(at);
        break;
      case 'double':
        data[k] = view.getFloat64(at);
        break;
    }
  }
  // Float and double files can hold NaN and infinities; no value that is not finite gets into a sheet.
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1) {
    issues.error(
      '',
      `${name}: value ${bad} (counting from 0) is ${String(data[bad])}; every value must be a finite number`,
    );
    return issues.failure();
  }
  return issues.result({ type: kind.type, dims: [kept, ...dims.slice(1)], data, items });
}

export interface IdxExampleOptions {
  /** Keep only these labels, relabelled 0, 1, ... in this order (e.g. [3, 7] for "3 vs 7"). */
  readonly classes?: readonly number[];
  /** At most this many examples of each kept class, the first ones in file order. */
  readonly perClass?: number;
  /** Names of the original labels, e.g. Fashion-MNIST's "T-shirt/top", ...; default the numbers. */
  readonly names?: readonly string[];
}

/**
 * An example set from an images file (N x H x W, or N x C x H x W) and a labels file (N): pixels scaled
 * from 0..255 to 0..1 for unsigned bytes, labels as integers.
 */
export function idxExamples(
  images: IdxArray,
  labels: IdxArray,
  options: IdxExampleOptions = {},
): Result<ExampleSet> {
  const issues = new IssueList();
  const [n = 0, ...rest] = images.dims;
  const shape = rest.length === 2 ? [1, rest[0] ?? 0, rest[1] ?? 0] : rest;
  if (shape.length !== 3) {
    issues.error('', `the images file is ${images.dims.join(' x ')}; expected N x H x W or N x C x H x W`);
    return issues.failure();
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== n) {
    issues.error('', `the labels file holds ${labels.dims.join(' x ')} values but there are ${n} images`);
    return issues.failure();
  }
  const size = (shape[0] ?? 0) * (shape[1] ?? 0) * (shape[2] ?? 0);
  const scale = images.type === 'ubyte' ? 1 / 255 : 1;
  const kept = options.classes ?? [...new Set(labels.data)].sort((a, b) => a - b);
  const taken = new Map<number, number>();
  const examples: Example[] = [];
  for (let i = 0; i < n; i++) {
    const original = labels.data[i] ?? -1;
    const label = kept.indexOf(original);
    if (label < 0) continue;
    const count = taken.get(label) ?? 0;
    if (options.perClass !== undefined && count >= options.perClass) continue;
    taken.set(label, count + 1);
    const data = images.data.slice(i * size, (i + 1) * size).map((v) => v * scale);
    examples.push({ input: { shape, data }, label, target: null });
  }
  const classes = kept.map((c) => options.names?.[c] ?? String(c));
  return issues.result({ classes, examples });
}
