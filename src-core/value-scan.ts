/**
 * What the sheet needs to know of every map it shows: the largest |value| among its finite values (the
 * colour scale's limit when colours are normalised per layer) and how many values are NaN or infinite
 * (an overflow, which the sheet reports). The operations that have WebAssembly kernels find both while
 * they write their output; evaluation scans the others' outputs once, so nothing scans twice.
 */
import type { Tensor } from './tensor';

export interface ValueScan {
  /** Largest |value| among the finite values; 0 when there are none. Equals colour-scale's maxAbs. */
  largest: number;
  /** How many values are NaN, Infinity or -Infinity. */
  nonFinite: number;
}

/** An empty scan, for an operation to fill. */
export function emptyScan(): ValueScan {
  return { largest: 0, nonFinite: 0 };
}

/** Scans `values` into `into` (a new scan when not given) and returns it. */
export function scanValues(values: Float64Array, into: ValueScan = emptyScan()): ValueScan {
  let largest = 0;
  let nonFinite = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    // One test per value in the common case (Math.abs has no branch): NaN, the infinities and a new
    // maximum all fail a <= largest, and only they take the branch.
    const a = Math.abs(values[i] ?? 0);
    if (!(a <= largest)) {
      if (a < Infinity) largest = a;
      else nonFinite++;
    }
  }
  into.largest = largest;
  into.nonFinite = nonFinite;
  return into;
}

/** `t` itself, after scanning its values into `scan` when one is given: for an operation's plain path. */
export function scanned(t: Tensor, scan: ValueScan | undefined): Tensor {
  if (scan !== undefined) scanValues(t.data, scan);
  return t;
}
