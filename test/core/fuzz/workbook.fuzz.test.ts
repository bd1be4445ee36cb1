import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingData } from '../../../src-core/sheet/data';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { readWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import { writeWorkbook } from '../../../src-core/sheet/write';
import { checkIssues, mutate, nasty, type Json } from './json-mutation';

// Fuzzing the workbook reader with mutated real workbooks and random text (fixed seed, bounded count):
// never a throw, never a hang; either a workbook that evaluates, or issues that each say something.

const seeds = (
  JSON.parse(readFileSync(new URL('../../fixtures/pytorch/eval-cases.json', import.meta.url), 'utf8')) as {
    cases: { workbook: unknown }[];
  }
).cases
  .map((c) => c.workbook)
  .filter((_, i) => i % 4 === 0);

/** Reads, resolves and evaluates as the CLI does; any throw fails the property. */
function consume(text: string): void {
  const read = readWorkbook(text);
  if (!read.ok) {
    expect(read.errors.length).toBeGreaterThan(0);
    checkIssues(read.errors);
    return;
  }
  checkIssues(read.warnings);
  // What was read can be saved again: `ui` and `learn` are written back as they came.
  expect(readWorkbook(writeWorkbook(read.value)).ok).toBe(true);
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

  it('survives lists nested deeper than anything parses back safely, and saves what it accepts', () => {
    // JSON.parse takes any depth; writing recurses. 64 levels are kept, deeper is refused by name.
    const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    const base = JSON.stringify(seeds[0]).slice(0, -1);
    for (const depth of [63, 64, 65, 1000, 200_000]) {
      for (const key of ['ui', 'learn', 'name', 'layers', 'input'])
        consume(`${base}, "${key}": ${nested(depth)}}`);
    }
    expect(readWorkbook(`${base}, "ui": ${nested(64)}}`).ok).toBe(true);
    const deep = readWorkbook(`${base}, "learn": ${nested(65)}}`);
    expect(deep.ok || deep.errors.map((e) => e.message)).toEqual([
      '"learn" nests lists or objects more than 64 deep; ConvSheet\'s own settings never do',
    ]);
  });
});
