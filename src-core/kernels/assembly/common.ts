// Shared by the kernels: bytes per double, and the two SIMD steps every loop uses.

export const F: usize = 8;

/** acc + w * x, lane by lane (a multiply then an add, never fused: the same rounding as TypeScript). */
export function mac(acc: v128, w: v128, x: v128): v128 {
  return f64x2.add(acc, f64x2.mul(w, x));
}

/** The sum of a vector's two lanes. */
export function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}
