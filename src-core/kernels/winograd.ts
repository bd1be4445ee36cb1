/**
 * When and how conv2d uses Winograd's minimal filtering: F(2x2, 3x3) for the forward and the input
 * gradient (assembly/winograd.ts), F(3x3, 2x2) for the filter gradient (assembly/winograd-grad.ts). For
 * 3 x 3 filters at stride 1 and dilation 1, with enough filters and channels to share the transforms.
 * They need 2.25 times fewer multiplications than the direct sums and agree with them to rounding (not
 * bit for bit), so the small layers a learner checks by hand, with fewer than 8 channels in or out, keep
 * the direct kernels, whose forward sums are exactly the reference's.
 */
import type { Conv2dKernels } from './wasm-module';

/** Scratch buffers of one Winograd call (byte offsets), allocated before the memory grows. */
export interface WinogradPlan {
  /** Per filter-channel pair, 16 x C_out x C_in: the transformed filters (forward), or the sums (filter gradient). */
  readonly filters: number;
  /** Transformed input tiles, 16 x C_in x chunk. */
  readonly inputs: number;
  /** Per filter and tile, 16 x C_out x chunk: the products (forward), or the transformed gradient tiles. */
  readonly outputs: number;
  /** Tiles per pass: the tile buffers of one pass fill about 256 KB, so they stay in cache. */
  readonly chunk: number;
}

export const WINOGRAD_MIN_CHANNELS = 8;
/** Doubles left between the 16 positions' blocks of tile buffers (SKEW in assembly/winograd.ts). */
export const WINOGRAD_SKEW = 8;

export function winogradPays(
  cIn: number,
  cOut: number,
  kh: number,
  kw: number,
  unitStride: boolean,
  unitDilation: boolean,
): boolean {
  return (
    kh === 3 &&
    kw === 3 &&
    unitStride &&
    unitDilation &&
    cIn >= WINOGRAD_MIN_CHANNELS &&
    cOut >= WINOGRAD_MIN_CHANNELS
  );
}

export function planWinograd(
  k: Conv2dKernels,
  cIn: number,
  cOut: number,
  oh: number,
  ow: number,
): WinogradPlan {
  const tiles = Math.ceil(oh / 2) * Math.ceil(ow / 2);
  // 16 positions x (C_in + C_out) x chunk doubles: 32768 of them (256 KB) at most.
  const chunk = Math.min(tiles, Math.max(4, 4 * Math.floor(2048 / (cIn + cOut) / 4)));
  return {
    filters: k.alloc(16 * cOut * cIn),
    inputs: k.alloc(16 * (cIn * chunk + WINOGRAD_SKEW)),
    outputs: k.alloc(16 * (cOut * chunk + WINOGRAD_SKEW)),
    chunk,
  };
}
