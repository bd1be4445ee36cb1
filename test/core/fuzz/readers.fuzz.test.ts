import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvGrid } from '../../../src-core/io/csv';
import { idxExamples, readIdx } from '../../../src-core/io/idx';
import { readExamples, type ExampleSet } from '../../../src-core/learn/example-set';
import { createTrainer } from '../../../src-core/learn/trainer';
import type { Result } from '../../../src-core/sheet/issues';
import { readWorkbook } from '../../../src-core/sheet/read';
import type { Workbook } from '../../../src-core/sheet/types';
import { sizeOf } from '../../../src-core/tensor';
import { checkIssues, mutate, nasty, type Json } from './json-mutation';

// Fuzzing the example-set, CSV and IDX readers (images: images.fuzz.test.ts; workbooks:
// workbook.fuzz.test.ts) with mutated real files and random input, fixed seeds and bounded counts.
// Every input gives either a value that keeps the reader's promises (sizes agree with shapes, every
// number finite) or errors that each say something; never a throw, and no call slower than SLOW_MS.

/** Slowest any one reader call may be: far above the few milliseconds they take, far below a hang. */
const SLOW_MS = 2000;
let slowest = 0;

function timed<T>(read: () => T): T {
  const start = performance.now();
  const value = read();
  slowest = Math.max(slowest, performance.now() - start);
  return value;
}

function expectSound<T>(result: Result<T>, promises: (value: T) => void): void {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    checkIssues(result.errors);
    return;
  }
  checkIssues(result.warnings);
  promises(result.value);
}

const allFinite = (data: Float64Array): boolean => data.every((v) => Number.isFinite(v));
const sample = (path: string): Buffer => readFileSync(new URL(`../../../samples/${path}`, import.meta.url));

// --- example sets -----------------------------------------------------------------------------------

/** Three examples of each small sample set: mutations then reach every part of a short file. */
const exampleSeeds = ['strokes', 'hidden-sobel', 'squares-diamonds', 'mnist-3-vs-7'].map((name) => {
  const set = JSON.parse(sample(`examples/${name}.examples.json`).toString('utf8')) as Record<string, Json>;
  const examples = set.examples;
  return { ...set, examples: Array.isArray(examples) ? examples.slice(0, 3) : [] };
});

/** A workbook fitting the set's first example: its input shape, then a dense layer to 2 outputs. */
function workbookFor(set: ExampleSet): Workbook | null {
  const first = set.examples[0];
  if (first === undefined) return null;
  const [c = 1, h = 1, w = 1] = first.input.shape;
  const n = c * h * w;
  const out = first.target === null ? 2 : sizeOf(first.target.shape);
  if (n * out > 1e6) return null;
  const text = JSON.stringify({
    format: 'convsheet',
    version: 1,
    input: { shape: [c, h, w], data: new Array(n).fill(0) },
    layers: [{ type: 'dense', weight: { shape: [out, n], data: new Array(n * out).fill(0.01) } }],
  });
  const read = readWorkbook(text);
  return read.ok ? read.value : null;
}

/** Reads an example set as `learn` does, then fits it to a workbook and takes one step. */
function consumeExamples(text: string): void {
  const read = timed(() => readExamples(text));
  expectSound(read, (set) => {
    for (const e of set.examples) {
      expect(e.input.data.length).toBe(sizeOf(e.input.shape));
      expect(allFinite(e.input.data)).toBe(true);
      if (e.target !== null) expect(allFinite(e.target.data)).toBe(true);
      if (e.label !== null) expect(Number.isInteger(e.label) && e.label >= 0).toBe(true);
    }
    const workbook = workbookFor(set);
    if (workbook === null) return;
    const loss = set.examples[0]?.target === null ? 'ce' : 'mse';
    const trainer = createTrainer(workbook, set.examples, {
      loss,
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 'all',
    });
    expectSound(trainer, (t) => {
      // Mutated values reach 1e308: a step may diverge, and then says why instead of updating.
      const report = t.step();
      if (report.diverged !== null) expect(report.diverged.message.length).toBeGreaterThan(5);
      else expect(Number.isFinite(report.loss)).toBe(true);
    });
  });
}

describe('the example-set reader under fuzzing', () => {
  it('survives 600 mutations of real example sets, read, fitted and stepped as learn does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...exampleSeeds),
        fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
        nasty,
        fc.boolean(),
        (seed, path, replacement, del) => {
          consumeExamples(JSON.stringify(mutate(seed, path, replacement, del)));
        },
      ),
      { seed: 17, numRuns: 600 },
    );
  });

  it('survives truncated text and random JSON', () => {
    const texts = exampleSeeds.map((s) => JSON.stringify(s));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.jsonValue({ maxDepth: 4 }), (text, at, value) => {
        consumeExamples(text.slice(0, at % (text.length + 1)));
        consumeExamples(JSON.stringify(value));
        consumeExamples(JSON.stringify({ format: 'convsheet-examples', version: 1, examples: [value] }));
      }),
      { seed: 19, numRuns: 400 },
    );
    expect(slowest).toBeLessThan(SLOW_MS);
  });
});

// --- CSV ----------------------------------------------------------------------------------------------

/** Pieces a CSV grid is made of, and what breaks one: separators, quotes, line ends, odd numbers. */
const csvToken = fc.constantFrom(
  '0',
  '1',
  '-2.5',
  '1e3',
  '0,5',
  '255',
  ' ',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '"',
  '""',
  'abc',
  'NaN',
  'Infinity',
  '1e999',
  '-',
  '.',
  '\uFEFF',
  '\u0000',
  '#',
  '١',
  '½',
  '0x1F',
  '+',
  'e',
);

function consumeCsv(text: string): void {
  for (const delimiter of ['auto', ',', ';'] as const) {
    const read = timed(() => readCsvGrid(text, { delimiter, scale: 'auto' }));
    expectSound(read, (g) => {
      expect(g.grid.shape).toEqual([1, g.height, g.width]);
      expect(g.grid.data.length).toBe(g.height * g.width);
      expect(g.height * g.width).toBeGreaterThan(0);
      expect(allFinite(g.grid.data)).toBe(true);
    });
  }
}

describe('the CSV reader under fuzzing', () => {
  it('survives 1000 texts made of grid pieces and mutations of real CSV files', () => {
    const real = ['fastai-digit', 'pixels-0-255-with-header', 'blur-filter-semicolon', 'plus-6x6'].map((n) =>
      sample(`csv/${n}.csv`).toString('utf8'),
    );
    fc.assert(
      fc.property(
        fc.array(csvToken, { maxLength: 60 }),
        fc.constantFrom(...real),
        fc.nat(),
        fc.string({ maxLength: 4 }),
        (tokens, file, at, junk) => {
          consumeCsv(tokens.join(''));
          const cut = at % (file.length + 1);
          consumeCsv(file.slice(0, cut) + junk + file.slice(cut + 1));
        },
      ),
      { seed: 23, numRuns: 1000 },
    );
    expect(slowest).toBeLessThan(SLOW_MS);
  });
});

// --- IDX ----------------------------------------------------------------------------------------------

const idxImages = new Uint8Array(
  gunzipSync(sample('idx/fashion-100-images-idx3-ubyte.gz')).subarray(0, 16 + 5 * 784),
);
// The header says 100 images; five are kept and the count set to match.
idxImages.set([0, 0, 0, 5], 4);
const idxLabels = new Uint8Array(
  gunzipSync(sample('idx/fashion-100-labels-idx1-ubyte.gz')).subarray(0, 8 + 5),
);
idxLabels.set([0, 0, 0, 5], 4);

function consumeIdx(images: Uint8Array, labels: Uint8Array): void {
  const a = timed(() => readIdx(images, 'images'));
  const b = timed(() => readIdx(labels, 'labels'));
  for (const r of [a, b]) {
    expectSound(r, (v) => {
      expect(v.data.length).toBe(v.dims.reduce((x, y) => x * y, 1));
      expect(v.dims.every((d) => d >= 1)).toBe(true);
      expect(allFinite(v.data)).toBe(true);
    });
  }
  if (a.ok && b.ok) {
    expectSound(
      timed(() => idxExamples(a.value, b.value)),
      (set) => {
        for (const e of set.examples) expect(e.input.data.length).toBe(sizeOf(e.input.shape));
      },
    );
  }
}

describe('the IDX reader under fuzzing', () => {
  it('survives 1500 byte mutations, header mutations and random bytes', () => {
    const edit = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        edit,
        fc.integer({ min: 0, max: 23 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 40 }),
        (edits, headerByte, cut, random) => {
          // Anywhere in the file, then focused on the magic and the sizes, where claims are made.
          for (const file of [idxImages, idxLabels]) {
            const mutated = Uint8Array.from(file);
            for (const [at, byte] of edits) mutated[at % file.length] = byte;
            const header = Uint8Array.from(file);
            header[headerByte % Math.min(16, file.length)] = edits[0]?.[1] ?? 0;
            consumeIdx(mutated, header);
            consumeIdx(file.subarray(0, cut % (file.length + 1)), random);
          }
        },
      ),
      { seed: 29, numRuns: 1500 },
    );
    expect(slowest).toBeLessThan(SLOW_MS);
  });
});
