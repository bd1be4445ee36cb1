/**
 * ReLU, max pooling and the scan of a map's values on the WebAssembly kernels (assembly/relu.ts,
 * pool.ts, scan.ts). The values are copied into the kernels' memory and the result copied back: the
 * copies run at memory speed, while a loop in TypeScript that chooses between two values mispredicts
 * one branch in two on a map of mixed signs (a 4 x 510 x 510 ReLU took 5 to 7 ms that way, 1 to 2 ms
 * here). The results are the reference loops' bit for bit.
 */
import type { WindowGeometry } from '../ops/geometry';
import type { ValueScan } from '../value-scan';
import type { Conv2dKernels } from './wasm-module';

/** Room for a kernel's scan result: the largest finite |value|, then the non-finite count (2 doubles). */
export function allocScan(k: Conv2dKernels, scan: ValueScan | undefined): number {
  return scan === undefined ? 0 : k.alloc(2);
}

/** Reads the scan result a kernel wrote at byte offset `at` (nothing when `at` is 0). */
export function readScan(heap: Float64Array, at: number, scan: ValueScan | undefined): void {
  if (scan === undefined || at === 0) return;
  scan.largest = heap[at / 8] ?? 0;
  scan.nonFinite = heap[at / 8 + 1] ?? 0;
}

/**
 * y = relu(x), as F.relu, into `y` (as long as x); `scan` receives y's scan. False when the kernels'
 * memory cannot hold x (nothing written then).
 */
export function reluForwardWasm(
  k: Conv2dKernels,
  x: Float64Array,
  y: Float64Array,
  scan?: ValueScan,
): boolean {
  const n = x.length;
  k.reset();
  const at = k.alloc(n);
  const result = allocScan(k, scan);
  const heap = k.heap();
  if (heap === null) return false;
  heap.set(x, at / 8);
  // In place: one buffer of scratch memory.
  k.exports.reluForward(at, at, n, result);
  y.set(heap.subarray(at / 8, at / 8 + n));
  readScan(heap, result, scan);
  k.finish();
  return true;
}

/** A pooling's input C x H x W and output C x OH x OW. */
export interface PoolDims {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly oh: number;
  readonly ow: number;
}

/**
 * Max pooling of x (C x H x W) with a window that has no padding, into y (C x OH x OW) and, when
 * given, `argmax` (the flat index into x of each window's winner); `scan` receives y's scan. False when
 * the kernels' memory cannot hold the call (nothing written then).
 */
export function maxPool2dForwardWasm(
  k: Conv2dKernels,
  x: Float64Array,
  d: PoolDims,
  g: WindowGeometry,
  y: Float64Array,
  argmax?: Int32Array,
  scan?: ValueScan,
): boolean {
  const { c, h, w, oh, ow } = d;
  const n = c * oh * ow;
  k.reset();
  const src = k.alloc(x.length);
  const dst = k.alloc(n);
  const winners = k.alloc(Math.ceil(n / 2));
  const result = allocScan(k, scan);
  const heap = k.heap();
  if (heap === null) return false;
  heap.set(x, src / 8);
  const { kernelH, kernelW, strideH, strideW, dilationH, dilationW } = g;
  const kernel = k.exports;
  kernel.maxPool(
    src,
    c,
    h,
    w,
    dst,
    winners,
    oh,
    ow,
    kernelH,
    kernelW,
    strideH,
    strideW,
    dilationH,
    dilationW,
  );
  y.set(heap.subarray(dst / 8, dst / 8 + n));
  if (argmax !== undefined) argmax.set(new Int32Array(heap.buffer, winners, n));
  if (result !== 0) kernel.scanValues(dst, n, result);
  readScan(heap, result, scan);
  k.finish();
  return true;
}
