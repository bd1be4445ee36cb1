import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src-core/random';

describe('createRandom (mulberry32)', () => {
  it('produces the published mulberry32 sequence', () => {
    // Reference values from an independent implementation of mulberry32 (Python, 32-bit arithmetic).
    const one = createRandom(1);
    expect([one.nextUint32(), one.nextUint32(), one.nextUint32(), one.nextUint32()]).toEqual([
      2693262067, 11749833, 2265367787, 4213581821,
    ]);
    const answer = createRandom(42);
    expect([answer.nextUint32(), answer.nextUint32()]).toEqual([2581720956, 1925393290]);
  });

  it('builds next() from two raw outputs: (a >>> 5) * 2^26 + (b >>> 6), over 2^53', () => {
    const expected = ((2693262067 >>> 5) * 2 ** 26 + (11749833 >>> 6)) / 2 ** 53;
    expect(createRandom(1).next()).toBe(expected);
  });

  it('repeats from the same seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7)).not.toEqual(draw(7 + 2 ** 32));
  });

  it('stays in [0, 1), gives integers below n, and normals with mean 0 and variance 1', () => {
    const r = createRandom(3);
    let sum = 0;
    let squares = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const i = r.int(6);
      expect(Number.isInteger(i) && i >= 0 && i < 6).toBe(true);
      const z = r.normal();
      sum += z;
      squares += z * z;
    }
    // the sample mean has standard deviation 1/sqrt(n) = 0.007; the sample variance about sqrt(2/n) = 0.01
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.04);
  });

  it('refuses a seed that is not a safe integer', () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
  });
});
