// AssemblyScript (compiled to WebAssembly by scripts/build-kernels.mjs, not by tsc): the inner loops of
// conv2d in float64 with 128-bit SIMD (f64x2: two doubles per instruction), and beside them ReLU, max
// pooling and the scan of a map's values (relu.ts, pool.ts, scan.ts), which branch-free SIMD makes
// several times faster than TypeScript's loops on maps of mixed signs.
//
// Layout in linear memory, row-major as the engine's tensors: padded input P is C_in x PH x PW, filters
// W are C_out x C_in x KH x KW (flip already applied by the caller), gradient G is C_out x OH x OW.
// Pointers are byte offsets. With padding done up front every tap reads a real cell, so the loops have
// no branches.
//
// Sums run in the reference engine's order where that is cheap: a feature-map cell adds its taps in the
// order c, i, j, starting from 0, and the bias last (so the forward is bit for bit the reference's). The
// gradients group their terms differently (SIMD lanes, tiles) and agree with the reference to rounding.
export { convForward } from './forward';
export { convFilterGrad, convInputGradScatter } from './gradients';
export { padZeros, planeSums } from './layout';
export { convWinograd, winogradFilters } from './winograd';
export { filterGradWinograd } from './winograd-grad';
export { reluForward } from './relu';
export { maxPool } from './pool';
export { scanValues } from './scan';
