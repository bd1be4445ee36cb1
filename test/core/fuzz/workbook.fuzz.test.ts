import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingData } from '../../../src-core/sheet/data';
import { evaluate } from '../../../src-core/sheet/evaluate';
import type { Issue } from '../../../src-core/sheet/issues';
import { readWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';

// Fuzzing the workbook reader with mutated real workbooks and random text (fixed seed, bounded count):
// never a throw, never a hang; either a workbook that evaluates, or issues that each say something.

const seeds = (
  JSON.parse(readFileSync(new URL('../../fixtures/pytorch/eval-cases.json', import.meta.url), 'utf8')) as {
    cases: { workbook: unknown }[];
  }
).cases
  .map((c) => c.workbook)
  .filter((_, i) => i % 4 === 0);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const nasty: fc.Arbitrary<Json> = fc.oneof(
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
function mutate(value: Json, path: number[], replacement: Json, del: boolean): Json {
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

function checkIssues(issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(5);
    expect(issue.message).not.toMatch(/undefined|\[object Object\]|NaN is not|TypeError/);
  }
}

/** Reads, resolves and evaluates as the CLI does; any throw fails the property. */
function consume(text: string): void {
  const read = readWorkbook(text);
  if (!read.ok) {
    expect(read.errors.length).toBeGreaterThan(0);
    checkIssues(read.errors);
    return;
  }
  checkIssues(read.warnings);
  const resolved = resolveWorkbook(read.value);
  if (!resolved.ok) {
    checkIssues(resolved.errors);
    return;
  }
  if (missingData(read.value).length === 0) evaluate(resolved.value);
}

describe('the workbook reader under fuzzing', () => {
  it('survives 1500 mutations of real workbooks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        nasty,
        fc.boolean(),
        (seed, path, replacement, del) => {
          consume(JSON.stringify(mutate(seed as Json, path, replacement, del)));
        },
      ),
      { seed: 7, numRuns: 1500 },
    );
  });

  it('survives truncated and corrupted text', () => {
    const texts = seeds.map((s) => JSON.stringify(s));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.string({ maxLength: 3 }), (text, at, junk) => {
        const cut = at % (text.length + 1);
        consume(text.slice(0, cut));
        consume(text.slice(0, cut) + junk + text.slice(cut + 1));
      }),
      { seed: 11, numRuns: 800 },
    );
  });

  it('survives random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        consume(JSON.stringify(value));
        consume(JSON.stringify({ format: 'convsheet', version: 1, input: value, layers: [value] }));
      }),
      { seed: 13, numRuns: 800 },
    );
  });
});
