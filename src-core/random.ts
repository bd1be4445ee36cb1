/**
 * A small seeded pseudo-random generator, so that dropout masks, weight initialisation and example
 * shuffling repeat exactly from the same seed on every platform (Math.random cannot be seeded).
 * The generator is mulberry32 (Tommy Ettinger's 32-bit state mixer): fast, no dependencies, good enough
 * for teaching-sized networks; it is not cryptographic.
 */

export interface Random {
  /** The next 32-bit unsigned integer of the sequence: the generator's raw output. */
  nextUint32(): number;
  /** A double in [0, 1) carrying 53 random bits (two raw outputs). */
  next(): number;
  /** An integer in 0 .. n-1, for n >= 1. */
  int(n: number): number;
  /** A standard normal sample (mean 0, variance 1), by the Box-Muller transform (two next() draws). */
  normal(): number;
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * A generator seeded by any safe integer; seeds that differ in their low 32 bits or in their high
 * bits give different sequences.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`random seed must be a safe integer, got ${seed}`);
  let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9);

  function nextUint32(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  function next(): number {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  return {
    nextUint32,
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`random int needs n >= 1, got ${n}`);
      return Math.floor(next() * n);
    },
    normal(): number {
      // 1 - u lies in (0, 1], so the logarithm stays finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
