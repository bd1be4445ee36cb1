/**
 * Workbook files written as a person writes them, for the sheet tests: shapes only unless data is given.
 */
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Issue } from '../../../src-core/sheet/issues';
import type { Workbook } from '../../../src-core/sheet/types';

export type LayerJson = Record<string, unknown>;

export function file(inputShape: number[], layers: LayerJson[], extra: Record<string, unknown> = {}) {
  return { format: 'convsheet', version: 1, input: { shape: inputShape }, layers, ...extra };
}

/** A conv2d of OUT filters of IN x K x K (or K = [KH, KW]), shapes only. */
export function conv(
  out: number,
  cin: number,
  k: number | [number, number],
  settings: LayerJson = {},
): LayerJson {
  const [kh, kw] = typeof k === 'number' ? [k, k] : k;
  return { type: 'conv2d', weight: { shape: [out, cin, kh, kw] }, ...settings };
}

export function dense(out: number, nin: number, settings: LayerJson = {}): LayerJson {
  return { type: 'dense', weight: { shape: [out, nin] }, ...settings };
}

export function layer(type: string, settings: LayerJson = {}): LayerJson {
  return { type, ...settings };
}

/** The workbook of a file that must be valid. */
export function read(json: unknown): Workbook {
  const r = parseWorkbook(json);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

/** The resolved workbook of a file that must be valid. */
export function resolve(json: unknown): ResolvedWorkbook {
  const r = resolveWorkbook(read(json));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

/** The errors of a file that must be invalid. */
export function errorsOf(json: unknown): readonly Issue[] {
  const r = parseWorkbook(json);
  if (r.ok) throw new Error('expected errors, the workbook is valid');
  return r.errors;
}

export function warningsOf(json: unknown): readonly Issue[] {
  return parseWorkbook(json).warnings;
}
