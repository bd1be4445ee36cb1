import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

// `eval --input`: fixtures in test/fixtures/io (made by scripts/make-samples.mjs). tiny.convsheet.json
// sums each 3 x 3 window of a 1 x 4 x 4 input (all-ones filter, no bias), applies ReLU, and its dense
// layer picks the first and last of the four sums; tiny-rgb.convsheet.json computes r + 10 g + 100 b.
const io = (name: string) => join(import.meta.dirname, '../../fixtures/io', name);
const dir = mkdtempSync(join(tmpdir(), 'convsheet-eval-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EvalOutput {
  input: { shape: number[]; data: number[] };
  layers: { name: string; shape: number[]; data: number[] }[];
}

function evalOk(...args: string[]): EvalOutput {
  const run = runCli('eval', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as EvalOutput;
}

describe('eval --input', () => {
  it('a CSV grid replaces the input, numbers as written', () => {
    // grid 1..16 row by row; window sums: top-left 1+2+3+5+6+7+9+10+11 = 54, then 63, 90, 99
    const out = evalOk(io('tiny.convsheet.json'), '--input', io('grid-4x4.csv'));
    expect(out.input).toEqual({ shape: [1, 4, 4], data: Array.from({ length: 16 }, (_, k) => k + 1) });
    expect(out.layers[0]?.data).toEqual([54, 63, 90, 99]);
    expect(out.layers[2]?.data).toEqual([54, 99]);
  });

  it('a PNG becomes grayscale 0..1 (pixel 17 k gives k / 15)', () => {
    const out = evalOk(io('tiny.convsheet.json'), '--input', io('gray-4x4.png'));
    expect(out.input.data).toEqual(Array.from({ length: 16 }, (_, k) => (17 * k) / 255));
    // top-left window: (0+1+2+4+5+6+8+9+10) * 17 / 255 = 45 / 15 = 3
    expect(out.layers[0]?.data[0]).toBeCloseTo(3, 12);
  });

  it('--channels rgb gives three channels, R G B', () => {
    // rgb-2x2.png: pixel (x, y) = (51 x, 51 y, 255 x y): R = [0, .2, 0, .2], G = [0, 0, .2, .2], B = [0, 0, 0, 1]
    const out = evalOk(io('tiny-rgb.convsheet.json'), '--input', io('rgb-2x2.png'), '--channels', 'rgb');
    expect(out.input).toEqual({ shape: [3, 2, 2], data: [0, 0.2, 0, 0.2, 0, 0, 0.2, 0.2, 0, 0, 0, 1] });
    // r + 10 g + 100 b
    const want = [0, 0.2, 2, 102.2];
    out.layers[0]?.data.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 12));
  });

  it('a JPEG, within the tolerance of lossy coding (quality 100 here)', () => {
    const out = evalOk(io('tiny.convsheet.json'), '--input', io('gray-4x4.jpg'));
    out.input.data.forEach((v, k) => expect(Math.abs(v - (17 * k) / 255)).toBeLessThanOrEqual(4 / 255));
  });

  it("another workbook's input", () => {
    const out = evalOk(io('tiny.convsheet.json'), '--input', io('other-input.convsheet.json'));
    expect(out.input.data).toEqual(Array.from({ length: 16 }, (_, k) => -(k + 1)));
    expect(out.layers[1]?.data).toEqual([0, 0, 0, 0]); // ReLU of negative sums
  });

  it('an input that does not fit says which rule it breaks and what would fit', () => {
    const run = runCli('eval', io('tiny.convsheet.json'), '--input', io('grid-5x5.csv'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `convsheet: ${io('grid-5x5.csv')}: this input (1 x 5 x 5) does not fit the workbook, whose input is ` +
        '1 x 4 x 4: layers[2] (fc1): fc1 expects 4 inputs (weight shape 2 x 4) but 9 values reach it ' +
        '(relu1 gives 1 x 3 x 3, flattened 9); resize it to 4 x 4\n',
    );
  });

  it('gray into a three-channel workbook suggests --channels rgb', () => {
    const run = runCli('eval', io('tiny-rgb.convsheet.json'), '--input', io('rgb-2x2.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not fit the workbook, whose input is 3 x 2 x 2');
    expect(run.stderr).toContain(
      "it has 1 channel, the workbook's input 3 (an image read with --channels rgb has 3 channels)",
    );
  });

  it('--channels without --input is bad usage (exit 2)', () => {
    const run = runCli('eval', io('tiny.convsheet.json'), '--channels', 'rgb');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('convsheet: --channels applies to an --input image (see convsheet --help)\n');
    expect(
      runCli('eval', io('tiny.convsheet.json'), '--input', io('gray-4x4.png'), '--channels', 'cmyk').code,
    ).toBe(2);
  });
});

describe('eval --png', () => {
  it('writes every map as a PNG: the input in gray, layers as heatmaps, vectors as one strip', () => {
    const out = join(dir, 'maps');
    evalOk(io('tiny.convsheet.json'), '--input', io('gray-4x4.png'), '--png', out);
    expect(readdirSync(out).sort()).toEqual([
      '00-input-1.png',
      '01-conv1-1.png',
      '02-relu1-1.png',
      '03-fc1.png',
    ]);
    // 4 x 4 drawn with 64-pixel cells (256 / 4): 256 x 256; pixel (x, y) of cell k is gray 17 k
    const input = decode(readFileSync(join(out, '00-input-1.png')));
    expect([input.width, input.height]).toEqual([256, 256]);
    expect(Array.from(input.data.subarray(0, 4))).toEqual([0, 0, 0, 255]);
    const cell5 = 4 * (64 * 256 + 64); // row 1, column 1 of the grid
    expect(Array.from(input.data.subarray(cell5, cell5 + 4))).toEqual([85, 85, 85, 255]);
    // fc1 gives two positive scores [3, 6]: the larger is the full red of the scale (178, 24, 43)
    const fc1 = decode(readFileSync(join(out, '03-fc1.png')));
    expect([fc1.width, fc1.height]).toEqual([256, 128]);
    expect(Array.from(fc1.data.subarray(4 * 255, 4 * 256))).toEqual([178, 24, 43, 255]);
    expect(existsSync(join(out, '01-conv1-1.png'))).toBe(true);
  });
});
