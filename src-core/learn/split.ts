/**
 * Train/test split: a seeded random share of the examples is held out to measure how well the network
 * does on images it never learned from. Each part keeps the file's order.
 */
import { createRandom } from '../random';
import { shuffle } from './batches';

export interface Split<T> {
  readonly train: T[];
  readonly test: T[];
}

/**
 * Holds out round(n * testFraction) of the n items (at least 1 stays for training), chosen by a
 * seeded shuffle.
 */
export function trainTestSplit<T>(items: readonly T[], testFraction: number, seed: number): Split<T> {
  if (!(testFraction >= 0 && testFraction < 1))
    throw new RangeError(`the test fraction must be in [0, 1), got ${testFraction}`);
  const n = items.length;
  const nTest = Math.min(Math.round(n * testFraction), Math.max(0, n - 1));
  const order = shuffle(
    Array.from({ length: n }, (_, i) => i),
    createRandom(seed),
  );
  const held = new Set(order.slice(0, nTest));
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => (held.has(i) ? test : train).push(item));
  return { train, test };
}
