/**
 * A seeded draw from a labelled pool: `perClass` examples of each chosen class, relabelled 0, 1, ... in
 * the order the classes are given. The learn drawer's MNIST and Fashion-MNIST sets are drawn this way
 * from the images built into the app, so a seed gives the same set on every machine.
 */
import { createRandom } from '../random';
import { shuffle } from './batches';
import type { Example, ExampleSet } from './example-set';

export interface DrawOptions {
  /** Labels of the pool to keep, in the order of the new labels; default every label, ascending. */
  readonly classes?: readonly number[];
  readonly perClass: number;
  readonly seed: number;
}

/**
 * The drawn examples, the classes interleaved (one of each class in turn), so that the first examples
 * of the set, and every batch taken in order, hold all classes.
 */
export function drawPerClass(pool: ExampleSet, options: DrawOptions): ExampleSet {
  const labels = pool.examples.map((e) => e.label ?? -1);
  const classes = options.classes ?? [...new Set(labels.filter((l) => l >= 0))].sort((a, b) => a - b);
  const random = createRandom(options.seed);
  const picks = classes.map((c) => {
    const members = labels.flatMap((l, i) => (l === c ? [i] : []));
    return shuffle(members, random).slice(0, options.perClass);
  });
  const most = Math.max(0, ...picks.map((p) => p.length));
  const examples: Example[] = [];
  for (let k = 0; k < most; k++)
    picks.forEach((p, label) => {
      const i = p[k];
      const e = i === undefined ? undefined : pool.examples[i];
      if (e !== undefined) examples.push({ input: e.input, label, target: null });
    });
  const names = classes.map((c) => pool.classes?.[c] ?? String(c));
  return { classes: names, examples };
}
