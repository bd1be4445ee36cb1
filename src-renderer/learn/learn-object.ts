/**
 * The panel's part of the workbook's `learn` object (CONTRACTS.md section 2: never changes a number):
 * `settings`, `examples` (a generated set's source, from which it is made again) and `history` (the
 * loss chart's points), beside what others keep there (`frozen` cells).
 */
import type { ExampleSet } from '../../src-core/learn/example-set';
import type { ExampleSource } from './examples-source';
import { keptSetJson, readKeptSet, readSource } from './examples-source';
import { historyColumns, readHistory } from './history';
import type { LogPoint } from './protocol';
import { isRecord, readSettings, type LearnSettings } from './settings';

export function learnObject(
  base: unknown,
  settings: LearnSettings,
  source: ExampleSource | null,
  history: readonly LogPoint[],
  set: ExampleSet | null = null,
): Record<string, unknown> {
  const learn: Record<string, unknown> = { ...(isRecord(base) ? base : {}), settings: { ...settings } };
  const kept = source === null ? null : keptSetJson(source, set);
  if (source?.kind === 'task') learn.examples = { ...source };
  else if (kept !== null) learn.examples = kept;
  else delete learn.examples;
  if (history.length > 0) learn.history = historyColumns(history);
  else delete learn.history;
  return learn;
}

/**
 * What tells one saved choice of settings and set from another (the history is not part of it). A
 * kept set can hold 250,000 numbers: the key of each learn object is made once (the sheet passes the
 * same object with every frame of live weights), and a kept set counts by its identity.
 */
export function learnKey(learn: unknown): string {
  if (!isRecord(learn)) return 'null';
  let key = keys.get(learn);
  if (key === undefined) {
    const e = learn.examples;
    const kept = isRecord(e) && isRecord(e.set) ? { kind: e.kind, set: setId(e.set) } : e;
    key = JSON.stringify({ s: learn.settings, e: kept });
    keys.set(learn, key);
  }
  return key;
}

const keys = new WeakMap<object, string>();
const setIds = new WeakMap<object, number>();
let nextSetId = 0;

function setId(set: object): number {
  let id = setIds.get(set);
  if (id === undefined) {
    id = ++nextSetId;
    setIds.set(set, id);
  }
  return id;
}

/** What a workbook saved of the panel's state; null when it saved no settings. */
export function readLearnObject(learn: unknown): {
  settings: LearnSettings;
  source: Extract<ExampleSource, { kind: 'task' }> | null;
  /** A set from a file or the learner's own, kept in the workbook. */
  kept: ReturnType<typeof readKeptSet>;
  history: LogPoint[];
} | null {
  if (!isRecord(learn) || learn.settings === undefined) return null;
  return {
    settings: readSettings(learn),
    source: readSource(learn),
    kept: readKeptSet(learn),
    history: readHistory(learn),
  };
}
