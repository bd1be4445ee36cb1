/**
 * Where the panel's examples come from (a generated set, a file, examples the learner added), whether
 * they fit the open network, and the train/test split. All of it is cheap bookkeeping; the learning
 * arithmetic stays in the worker.
 */
import { checkExamplesFit } from '../../src-core/learn/example-fit';
import { examplesJson, parseExamples, type Example, type ExampleSet } from '../../src-core/learn/example-set';
import type { LossName } from '../../src-core/learn/losses';
import { trainTestSplit } from '../../src-core/learn/split';
import type { Issue } from '../../src-core/sheet/issues';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { isRecord } from './settings';
import { learnTask, type TaskId } from './tasks';

export type ExampleSource =
  | { readonly kind: 'task'; readonly task: TaskId; readonly seed: number }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'own' };

/**
 * Example sets of at most this many values (about 300 digits of 28 x 28) are kept in the workbook's
 * `learn` object, so that examples drawn or added by hand are saved, autosaved and reopened with it.
 */
export const KEEP_VALUES = 250_000;

/** Values in a set: what keeping it in the workbook costs. */
export function valueCount(set: ExampleSet): number {
  return set.examples.reduce((n, e) => n + e.input.data.length + (e.target?.data.length ?? 0), 0);
}

/** A set kept in a workbook: `learn.examples` = {kind: "own" | "file", name?, set: <example-set JSON>}. */
export function readKeptSet(
  learn: unknown,
): { source: Exclude<ExampleSource, { kind: 'task' }>; set: ExampleSet } | null {
  const raw = isRecord(learn) ? learn.examples : undefined;
  if (!isRecord(raw) || (raw.kind !== 'own' && raw.kind !== 'file')) return null;
  const r = parseExamples(raw.set);
  if (!r.ok) return null;
  const source: Exclude<ExampleSource, { kind: 'task' }> =
    raw.kind === 'file'
      ? { kind: 'file', name: typeof raw.name === 'string' ? raw.name : 'examples' }
      : { kind: 'own' };
  return { source, set: r.value };
}

/** What `learn.examples` holds for a set from a file or the learner's own: the set itself, when small. */
export function keptSetJson(source: ExampleSource, set: ExampleSet | null): Record<string, unknown> | null {
  if (source.kind === 'task' || set === null || valueCount(set) > KEEP_VALUES) return null;
  let json = keptJson.get(set);
  if (json === undefined) {
    json = examplesJson(set);
    keptJson.set(set, json);
  }
  return { kind: source.kind, ...(source.kind === 'file' ? { name: source.name } : {}), set: json };
}

/** The JSON of each set made once: the learn object is written again at every change of a setting. */
const keptJson = new WeakMap<ExampleSet, Record<string, unknown>>();

/** A generated set can be made again from its source, so only the source is saved in `learn.examples`. */
export function readSource(learn: unknown): Extract<ExampleSource, { kind: 'task' }> | null {
  const raw = isRecord(learn) ? learn.examples : undefined;
  if (!isRecord(raw) || raw.kind !== 'task' || typeof raw.task !== 'string') return null;
  const task = learnTask(raw.task);
  if (task === undefined) return null;
  const seed = Number.isInteger(raw.seed) ? (raw.seed as number) : task.seed;
  return { kind: 'task', task: task.id, seed };
}

/** The set of a generated source; the MNIST and Fashion-MNIST ones once their images have loaded. */
export function generate(source: Extract<ExampleSource, { kind: 'task' }>): ExampleSet | Promise<ExampleSet> {
  const task = learnTask(source.task);
  if (task === undefined) throw new RangeError(`no generated set "${source.task}"`);
  return task.examples(source.seed);
}

/** Why these examples cannot train this network with this loss; empty when they can. */
export function fitIssues(set: ExampleSet, workbook: Workbook, loss: LossName): readonly Issue[] {
  if (set.examples.length === 0) return [{ path: 'examples', message: 'there are no examples yet' }];
  const r = resolveWorkbook(workbook);
  if (!r.ok) return r.errors;
  return checkExamplesFit(set.examples, r.value, loss);
}

/** The set with these examples added at its end. */
export function withExamples(set: ExampleSet | null, added: readonly Example[]): ExampleSet {
  return { classes: set?.classes ?? null, examples: [...(set?.examples ?? []), ...added] };
}

/** The sheet's current input as an example of class `label`. */
export function currentInputExample(workbook: Workbook, label: number): Example {
  const data = workbook.input.data;
  if (data === null) throw new RangeError('the input has no values to add');
  return { input: { shape: [...workbook.input.shape], data: data.slice() }, label, target: null };
}

/** Names of the classes a label can take: the set's own, else numbers up to `count`. */
export function classNames(set: ExampleSet | null, loss: LossName, outputs: number): string[] {
  if (set !== null && set.classes !== null && set.classes.length > 0) return [...set.classes];
  const count = loss === 'bce' ? 2 : Math.max(2, outputs);
  return Array.from({ length: count }, (_, i) => String(i));
}

export interface SplitSet {
  readonly train: Example[];
  readonly test: Example[];
  /** For every example of the set, in order: held out for testing? */
  readonly held: boolean[];
  /** For every example: its place in `train` or in `test`. */
  readonly place: number[];
}

export function split(set: ExampleSet, fraction: number, seed: number): SplitSet {
  const indices = set.examples.map((_, i) => i);
  const s = trainTestSplit(indices, fraction, seed);
  const held = indices.map(() => false);
  const place = indices.map(() => 0);
  s.train.forEach((i, k) => (place[i] = k));
  s.test.forEach((i, k) => {
    held[i] = true;
    place[i] = k;
  });
  const pick = (list: number[]): Example[] => list.map((i) => set.examples[i]).filter((e) => e !== undefined);
  return { train: pick(s.train), test: pick(s.test), held, place };
}
