import fc from 'fast-check';
import { expect } from 'vitest';
import type { Issue } from '../../../src-core/sheet/issues';

// Shared by the fuzzers of JSON files (workbooks, example sets): values that break rules, a mutation that
// puts one somewhere inside a real file, and the check that every issue says something.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values chosen to break rules: wrong types, zero, negative, huge, non-integer, empty containers. */
export const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    '',
    'NaN',
    'same',
    'valid',
    'reflect',
    -1,
    0,
    1e308,
    -0,
    4097,
    2 ** 31,
    0.5,
    [],
    {},
  ),
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 5 }),
);

/** Replaces, deletes or duplicates one value somewhere inside the JSON. */
export function mutate(value: Json, path: number[], replacement: Json, del: boolean): Json {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [step = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = step % value.length;
    const copy = [...value];
    if (del && rest.length === 0) copy.splice(i, 1);
    else copy[i] = mutate(copy[i] ?? null, rest, replacement, del);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length] ?? '';
  const copy = { ...value };
  if (del && rest.length === 0) delete copy[key];
  else copy[key] = mutate(copy[key] ?? null, rest, replacement, del);
  return copy;
}

/** Every issue names a place (maybe "") and says something a person can read. */
export function checkIssues(issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(5);
    expect(issue.message).not.toMatch(/undefined|\[object Object\]|NaN is not|TypeError|\n/);
  }
}
