/**
 * The panel's part of the workbook's `learn` object (CONTRACTS.md section 2: never changes a number):
 * `settings`, `examples` (a generated set's source, from which it is made again) and `history` (the
 * loss chart's points), beside what others keep there (`frozen` cells).
 */
import type { ExampleSource } from './examples-source';
import { readSource } from './examples-source';
import { historyColumns, readHistory } from './history';
import type { LogPoint } from './protocol';
import { isRecord, readSettings, type LearnSettings } from './settings';

export function learnObject(
  base: unknown,
  settings: LearnSettings,
  source: ExampleSource | null,
  history: readonly LogPoint[],
): Record<string, unknown> {
  const learn: Record<string, unknown> = { ...(isRecord(base) ? base : {}), settings: { ...settings } };
  if (source?.kind === 'task') learn.examples = { ...source };
  else delete learn.examples;
  if (history.length > 0) learn.history = historyColumns(history);
  else delete learn.history;
  return learn;
}

/** What tells one saved choice of settings and set from another (the history is not part of it). */
export function learnKey(learn: unknown): string {
  return JSON.stringify(isRecord(learn) ? { s: learn.settings, e: learn.examples } : null);
}

/** What a workbook saved of the panel's state; null when it saved no settings. */
export function readLearnObject(learn: unknown): {
  settings: LearnSettings;
  source: Extract<ExampleSource, { kind: 'task' }> | null;
  history: LogPoint[];
} | null {
  if (!isRecord(learn) || learn.settings === undefined) return null;
  return { settings: readSettings(learn), source: readSource(learn), history: readHistory(learn) };
}
