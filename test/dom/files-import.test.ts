import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { readWorkbook } from '../../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { dropAction } from '../../src-renderer/files/drop';
import { defaultChoice, gridOf, type ImportChoice } from '../../src-renderer/files/import-options';
import {
  readImportSource,
  sourceKindOf,
  type ImportSource,
  type XlsxBook,
} from '../../src-renderer/files/import-source';
import { planImport, targetsOf, wantOf } from '../../src-renderer/files/import-target';
import { gridsOf, sheetBlocks } from '../../src-renderer/sheet-model';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/io', name);
const bytes = (text: string) => new TextEncoder().encode(text);
const noDecoder = () => Promise.reject(new Error('no image decoder in these tests'));

function resolved(workbook: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(workbook);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value;
}

/** tiny.convsheet.json: a 1 x 4 x 4 input, conv1 summing 3 x 3 windows (no bias), ReLU, fc1 4 -> 2. */
function tiny(): ResolvedWorkbook {
  const r = readWorkbook(readFileSync(fixture('tiny.convsheet.json'), 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return resolved(r.value);
}

async function source(name: string, text: string): Promise<ImportSource> {
  const r = await readImportSource({ name, data: bytes(text) }, noDecoder);
  if (!r.ok) throw new Error(r.message);
  return r.source;
}

function grid(s: ImportSource, choice: ImportChoice) {
  const g = gridOf(s, choice);
  if (!g.ok) throw new Error(g.message);
  return g;
}

describe('what kind of file an import is', () => {
  it('goes by the extension, then by the first bytes', () => {
    const kind = (name: string, data: number[] | string) =>
      sourceKindOf({ name, data: typeof data === 'string' ? bytes(data) : new Uint8Array(data) });
    expect(kind('a.CSV', '1,2')).toBe('csv');
    expect(kind('a.jpeg', 'x')).toBe('image');
    expect(kind('a.xlsx', 'x')).toBe('xlsx');
    expect(kind('a.convsheet.json', 'x')).toBe('workbook');
    expect(kind('noext', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])).toBe('image');
    expect(kind('noext', [0x50, 0x4b, 0x03, 0x04])).toBe('xlsx');
    expect(kind('noext', '  {"format": "convsheet"}')).toBe('workbook');
    expect(kind('noext', '1;2;3')).toBe('csv');
  });

  it('names the file and the problem when it cannot be read at all', async () => {
    const read = (name: string, data: Uint8Array) => readImportSource({ name, data }, noDecoder);
    expect(await read('empty.csv', new Uint8Array(0))).toEqual({
      ok: false,
      message: 'empty.csv: the file is empty',
    });
    expect(await read('text.png', bytes('1,2,3'))).toEqual({
      ok: false,
      message: 'text.png: not a PNG image: the file holds text',
    });
    const wrong = await read(
      'w.json',
      bytes('{"format": "convsheet-examples", "version": 1, "examples": []}'),
    );
    expect(wrong.ok ? '' : wrong.message).toMatch(
      /^w\.json: not a ConvSheet workbook: .*example set for learning/,
    );
    // A PNG header claiming 20000 x 20000 pixels: refused before any decoding.
    const ihdr = [0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 6, 0, 0, 0, 0, 0, 0, 0];
    const bomb = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr]);
    const big = await read('big.png', bomb);
    expect(big.ok ? '' : big.message).toBe(
      'big.png: the PNG image is 20000 x 20000 pixels (400,000,000), over the limit of 16,384 pixels per side and 40,000,000 pixels in all; scale it down first',
    );
    const notZip = await read('n.xlsx', bytes('a,b'));
    expect(notZip.ok ? '' : notZip.message).toMatch(
      /^n\.xlsx: not an \.xlsx spreadsheet: the file holds text/,
    );
  });
});

describe("another workbook's input", () => {
  it('is taken as it is: other-input.convsheet.json holds -1, -2, ..., -16', async () => {
    const s = await source(
      'other.convsheet.json',
      readFileSync(fixture('other-input.convsheet.json'), 'utf8'),
    );
    const g = grid(s, { kind: 'workbook' });
    expect(g.grid.shape).toEqual([1, 4, 4]);
    expect([...g.grid.data]).toEqual(Array.from({ length: 16 }, (_, i) => -(i + 1)));
    const plan = planImport(tiny(), { kind: 'input' }, g.grid, 'other.convsheet.json');
    expect(plan.ok).toBe(true);
  });
});

describe('a CSV import', () => {
  it('reads a 3 x 3 grid as written, with the separator and header detected', async () => {
    const s = await source('g.csv', 'a;b;c\n1;2,5;3\n4;5;6\n7;8;-9\n');
    const g = grid(s, { kind: 'csv', delimiter: 'auto', header: 'auto', scale: 'none' });
    expect(g.grid.shape).toEqual([1, 3, 3]);
    expect([...g.grid.data]).toEqual([1, 2.5, 3, 4, 5, 6, 7, 8, -9]);
    expect(g.notes).toEqual(['semicolon-separated', 'header row skipped']);
  });

  it('divides by 255 when asked, and suggests it for values that look like pixels', async () => {
    const s = await source('p.csv', '0,51\n255,102\n');
    const scaled = grid(s, { kind: 'csv', delimiter: ',', header: 'no', scale: '255' });
    expect([...scaled.grid.data]).toEqual([0, 0.2, 1, 0.4]);
    const asWritten = grid(s, { kind: 'csv', delimiter: ',', header: 'no', scale: 'none' });
    expect(asWritten.notes).toContain(
      'values lie in 0..255: if they are pixel values, choose "divide by 255"',
    );
  });

  it('names the file, the row and the column of a bad cell', async () => {
    const s = await source('bad.csv', '1,2,3\n4,x,6\n');
    expect(gridOf(s, defaultChoice(s, wantOf(tiny(), { kind: 'input' })))).toEqual({
      ok: false,
      message: 'bad.csv: row 2, column 2 (B2): "x" is not a number',
    });
  });
});

describe('an image import', () => {
  // 2 x 2 RGBA: white, black / mid gray 51, and red.
  const image = {
    width: 2,
    height: 2,
    data: new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 51, 51, 51, 255, 255, 0, 0, 255]),
  };
  const s: ImportSource = { kind: 'image', name: 'i.png', image, format: 'PNG' };

  it('is gray, inverted for a digit workbook with a light image, sized to the input', () => {
    const want = wantOf(resolved(firstRunWorkbook()), { kind: 'input' });
    expect(want).toEqual({ channels: 1, height: 28, width: 28, dark: true });
    expect(defaultChoice(s, want)).toEqual({
      kind: 'image',
      channels: 'gray',
      invert: false, // mean gray (1 + 0 + 0.2 + 0.299) / 4 < 0.5: not light
      fit: 'pad',
      width: 28,
      height: 28,
    });
  });

  it('gives BT.601 gray at its own size, inverted on request', () => {
    const g = grid(s, { kind: 'image', channels: 'gray', invert: true, fit: 'own', width: 1, height: 1 });
    expect(g.grid.shape).toEqual([1, 2, 2]);
    expect([...g.grid.data].map((v) => +v.toFixed(6))).toEqual([0, 1, 0.8, 0.701]);
    expect(g.notes).toEqual(['PNG 2 x 2', 'gray', 'inverted']);
  });

  it('averages areas when resized: 2 x 2 to 1 x 1 is the mean', () => {
    const g = grid(s, { kind: 'image', channels: 'rgb', invert: false, fit: 'stretch', width: 1, height: 1 });
    expect(g.grid.shape).toEqual([3, 1, 1]);
    expect([...g.grid.data].map((v) => +v.toFixed(6))).toEqual([
      +((1 + 0 + 0.2 + 1) / 4).toFixed(6),
      +((1 + 0 + 0.2 + 0) / 4).toFixed(6),
      +((1 + 0 + 0.2 + 0) / 4).toFixed(6),
    ]);
  });

  it('refuses a size that is not a whole number', () => {
    expect(
      gridOf(s, { kind: 'image', channels: 'gray', invert: false, fit: 'pad', width: 0, height: 3 }),
    ).toEqual({
      ok: false,
      message: 'i.png: the width must be a whole number from 1 to 4096; got 0',
    });
  });
});

describe('an .xlsx range import', () => {
  const cells: Record<string, unknown> = {
    '2,1': 1,
    '2,2': { formula: 'A2*2', result: 2 },
    '3,1': '3',
    '3,2': 4,
  };
  const book: XlsxBook = {
    worksheets: [
      { name: 'conv-example', getCell: (r: number, c: number) => ({ value: cells[`${r},${c}`] }) },
    ],
    sheets: [{ name: 'conv-example', used: 'A1:B3' }],
  };
  const s: ImportSource = { kind: 'xlsx', name: 'conv.xlsx', book };

  it('reads the range of the chosen sheet, formulas by their saved value', () => {
    const g = grid(s, { kind: 'xlsx', sheet: 'conv-example', range: 'a2:b3' });
    expect([...g.grid.data]).toEqual([1, 2, 3, 4]);
    expect(g.notes).toEqual(['sheet "conv-example", A2:B3']);
  });

  it('names the empty cell', () => {
    expect(gridOf(s, { kind: 'xlsx', sheet: 'conv-example', range: 'A1:B3' })).toEqual({
      ok: false,
      message: 'conv.xlsx: A1 on sheet "conv-example" is empty; B1 on sheet "conv-example" is empty',
    });
  });
});

describe('where an import goes', () => {
  const csv = async (text: string) =>
    grid(
      await source('g.csv', text),
      defaultChoice(await source('g.csv', text), wantOf(tiny(), { kind: 'input' })),
    );

  it('replaces the input as one change when it fits: 1..16 gives window sums 54, 63, 90, 99', async () => {
    const g = await csv('1,2,3,4\n5,6,7,8\n9,10,11,12\n13,14,15,16\n');
    const plan = planImport(tiny(), { kind: 'input' }, g.grid, 'g.csv');
    if (!plan.ok || !plan.change.ok) throw new Error('no plan');
    expect(plan.summary).toBe('Fits: the same shape as the input it replaces (1 x 4 x 4).');
    expect(plan.change.value.label).toBe('import g.csv as the input (1 x 4 x 4)');
    expect(plan.structural).toBe(false);
    expect([...(plan.change.value.workbook.input.data ?? [])]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
  });

  it("says why an input does not fit, with withNewInput's message", async () => {
    const g = await csv('1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n');
    const plan = planImport(tiny(), { kind: 'input' }, g.grid, 'g.csv');
    expect(plan.ok ? '' : plan.message).toMatch(
      /^this input \(1 x 5 x 5\) does not fit the workbook, whose input is 1 x 4 x 4: .*; resize it to 4 x 4$/,
    );
  });

  it('tells which shapes change when a new input size fits', () => {
    const r = resolved({ ...firstRunWorkbook(), layers: firstRunWorkbook().layers.slice(0, 2) });
    const plan = planImport(
      r,
      { kind: 'input' },
      { shape: [1, 30, 30], data: new Float64Array(900) },
      'big.png',
    );
    expect(plan.ok && plan.summary).toBe(
      "Fits: the input becomes 1 x 30 x 30 (was 1 x 28 x 28). conv1's output becomes 2 x 28 x 28 (was 2 x 26 x 26), and 1 more layer changes size.",
    );
    expect(plan.ok && plan.structural).toBe(true);
  });

  it('fills one filter slice, or a whole filter with its channel slices stacked', () => {
    const r = resolved(firstRunWorkbook());
    const slice = sheetBlocks(r)
      .flatMap(gridsOf)
      .find((g) => g.label === 'conv2 filter 2 · ch 2');
    if (slice === undefined) throw new Error('no slice');
    const targets = targetsOf(r, slice);
    expect(
      targets.map((t) => (t.kind === 'window' ? `${t.label} ${t.rows}x${t.cols}@${t.offset}` : t.kind)),
    ).toEqual(['conv2 filter 2 · ch 2 3x3@27', 'conv2 filter 2 (all 2 channels) 6x3@18']);
    const nine = { shape: [1, 3, 3], data: Float64Array.from({ length: 9 }, (_, i) => i + 1) };
    const one = planImport(r, targets[0] ?? { kind: 'input' }, nine, 'f.csv');
    if (!one.ok || !one.change.ok) throw new Error('no plan');
    const weights = one.change.value.workbook.layers[2];
    expect(weights?.type === 'conv2d' && [...(weights.weight.data ?? []).slice(27, 36)]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    const wrong = planImport(r, targets[1] ?? { kind: 'input' }, nine, 'f.csv');
    expect(wrong.ok ? '' : wrong.message).toBe(
      'conv2 filter 2 (all 2 channels) is 6 x 3 (its 2 slices stacked) or 2 x 3 x 3; this grid is 1 x 3 x 3',
    );
    const two = planImport(
      r,
      targets[1] ?? { kind: 'input' },
      { shape: [2, 3, 3], data: new Float64Array(18).fill(0.5) },
      'rg.png',
    );
    expect(two.ok).toBe(true);
  });
});

describe('dropping a file', () => {
  const r = resolved(firstRunWorkbook());
  const onGrid = (label: string) => {
    const element = document.createElement('cs-grid');
    element.setAttribute('label', label);
    return [element, document.body, window];
  };

  it('onto the input or a filter imports there; onto a computed map is refused', () => {
    expect(dropAction(onGrid('Input'), 'd.png', r, false)).toEqual({
      kind: 'import',
      targets: [{ kind: 'input' }],
    });
    const filter = dropAction(onGrid('conv1 filter 2'), 'f.csv', r, false);
    expect(
      filter.kind === 'import' && filter.targets.map((t) => (t.kind === 'window' ? t.offset : -1)),
    ).toEqual([9]);
    expect(dropAction(onGrid('relu1 map 1'), 'f.csv', r, false)).toEqual({
      kind: 'refuse',
      message:
        'relu1 map 1 is computed from the layers before it: drop a file onto the input or onto a filter.',
    });
  });

  it('elsewhere opens a workbook (the desktop shell does that itself) and imports anything else', () => {
    expect(dropAction([document.body], 'w.convsheet.json', r, false)).toEqual({ kind: 'open' });
    expect(dropAction([document.body], 'w.convsheet.json', r, true)).toEqual({ kind: 'ignore' });
    expect(dropAction([document.body], 'g.csv', r, true)).toEqual({
      kind: 'import',
      targets: [{ kind: 'input' }],
    });
  });
});
