import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectClose } from '../support/close';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'convsheet-eval-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Fastai {
  input_28x28: number[][];
  conv1_filters_2x3x3: number[][][];
  conv1_relu_2x26x26: number[][][];
  conv2_filters_2x2x3x3: number[][][][];
  conv2_relu_2x24x24: number[][][];
  maxpool2x2_stride2_2x12x12: number[][][];
}
const fastai = JSON.parse(
  readFileSync(new URL('../../fixtures/fastai/fastai-conv-example.json', import.meta.url), 'utf8'),
) as Fastai;
const flat = (a: unknown): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a as number]);

// The fast.ai conv-example sheet as a workbook: valid 3x3 convs without bias, ReLU after each, 2x2 max pool.
const fastaiWorkbook = {
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 28, 28], data: flat(fastai.input_28x28) },
  layers: [
    {
      type: 'conv2d',
      name: 'conv1',
      weight: { shape: [2, 1, 3, 3], data: flat(fastai.conv1_filters_2x3x3) },
    },
    { type: 'relu' },
    {
      type: 'conv2d',
      name: 'conv2',
      weight: { shape: [2, 2, 3, 3], data: flat(fastai.conv2_filters_2x2x3x3) },
    },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
  ],
};

describe('convsheet eval', () => {
  it("reproduces the fast.ai spreadsheet's own conv1, conv2 and max-pool numbers", () => {
    const run = runCli('eval', file('fastai.convsheet.json', fastaiWorkbook));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      input: { shape: number[] };
      layers: { name: string; type: string; shape: number[]; data: number[] }[];
    };
    expect(out.input.shape).toEqual([1, 28, 28]);
    expect(out.layers.map((l) => [l.name, l.type, l.shape.join('x')])).toEqual([
      ['conv1', 'conv2d', '2x26x26'],
      ['relu1', 'relu', '2x26x26'],
      ['conv2', 'conv2d', '2x24x24'],
      ['relu2', 'relu', '2x24x24'],
      ['maxpool1', 'maxpool2d', '2x12x12'],
    ]);
    // The spreadsheet's cached values are float64 sums in another order: agree to 1e-12.
    expectClose(out.layers[1]?.data ?? [], flat(fastai.conv1_relu_2x26x26), 'conv1 ReLU', 1e-12, 1e-12);
    expectClose(out.layers[3]?.data ?? [], flat(fastai.conv2_relu_2x24x24), 'conv2 ReLU', 1e-12, 1e-12);
    expectClose(out.layers[4]?.data ?? [], flat(fastai.maxpool2x2_stride2_2x12x12), 'max pool', 1e-12, 1e-12);
  });

  it('computes the 3x3 input 1..9 with a 2x2 filter [w x; y z] as 1w+2x+4y+5z, ...', () => {
    const [w, x, y, z] = [0.5, -1, 2, 0.25];
    const run = runCli(
      'eval',
      file('wxyz.convsheet.json', {
        format: 'convsheet',
        version: 1,
        input: { shape: [1, 3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
        layers: [{ type: 'conv2d', weight: { shape: [1, 1, 2, 2], data: [w, x, y, z] } }],
      }),
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { layers: { data: number[] }[] };
    expect(out.layers[0]?.data).toEqual([
      1 * w + 2 * x + 4 * y + 5 * z,
      2 * w + 3 * x + 5 * y + 6 * z,
      4 * w + 5 * x + 7 * y + 8 * z,
      5 * w + 6 * x + 8 * y + 9 * z,
    ]);
  });
});

describe('convsheet eval refuses invalid workbooks with one line and exit 1', () => {
  const base = {
    format: 'convsheet',
    version: 1,
    input: { shape: [1, 4, 4], data: Array.from({ length: 16 }, (_, i) => i) },
    layers: [],
  };
  const conv = (extra: object) => ({
    type: 'conv2d',
    weight: { shape: [1, 1, 3, 3], data: Array(9).fill(1) },
    ...extra,
  });

  it.each([
    [
      'bad JSON',
      '{"format": "convsheet", "version": 1,',
      /bad JSON\.json: not valid JSON at line 1, column \d+/,
    ],
    ['wrong shape', { ...base, input: { shape: [1, 4, 4], data: [1, 2, 3] } }, /input\.data.*16/],
    [
      'channel mismatch',
      { ...base, layers: [{ type: 'conv2d', weight: { shape: [1, 3, 3, 3], data: Array(27).fill(0) } }] },
      /layers\[0\] \(conv1\).*3 input channels.*1/,
    ],
    [
      'a string among the numbers',
      { ...base, input: { shape: [1, 4, 4], data: [...Array<number>(15).fill(0), 'NaN'] } },
      /input\.data\[15\]/,
    ],
    [
      'kernel larger than the padded input',
      { ...base, layers: [conv({ weight: { shape: [1, 1, 5, 5], data: Array(25).fill(0) } })] },
      /layers\[0\] \(conv1\).*5/,
    ],
    ['the wrong format', { ...base, format: 'something-else' }, /format/],
    ['a newer version', { ...base, version: 2 }, /version 2/],
  ])('%s', (name, content, message) => {
    const run = runCli('eval', file(`${name}.json`, content));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${name}.json: `);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('refuses a shape-only workbook', () => {
    const run = runCli(
      'eval',
      file('shapes.json', { format: 'convsheet', version: 1, input: { shape: [1, 4, 4] }, layers: [] }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/shapes\.json: .*input.*shapes only/);
  });

  it('says what an empty file or an image behind .json is', () => {
    const empty = runCli('eval', file('empty.convsheet.json', ''));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.convsheet\.json: this is an empty file, not JSON/);
    const pngPath = join(dir, 'picture.convsheet.json');
    // A PNG's signature and the start of its header chunk.
    writeFileSync(
      pngPath,
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    );
    const png = runCli('eval', pngPath);
    expect(png.code).toBe(1);
    expect(png.stderr).toMatch(/picture\.convsheet\.json: this is a PNG image, not JSON/);
  });

  it('evaluates a workbook without input values when --input gives one', () => {
    const csv = file('grid.csv', '1,2,3\n4,5,6\n7,8,9\n');
    const run = runCli(
      'eval',
      file('no-input.convsheet.json', {
        format: 'convsheet',
        version: 1,
        input: { shape: [1, 3, 3] },
        layers: [{ type: 'conv2d', weight: { shape: [1, 1, 2, 2], data: [1, 0, 0, -1] } }],
      }),
      '--input',
      csv,
    );
    expect(run.stderr).toBe('');
    // Each output is the top-left minus the bottom-right of its window: 1 - 5, 2 - 6, 4 - 8, 5 - 9.
    expect((JSON.parse(run.stdout) as { layers: { data: number[] }[] }).layers[0]?.data).toEqual([
      -4, -4, -4, -4,
    ]);
  });

  it('bad usage exits 2', () => {
    expect(runCli('eval').code).toBe(2);
    expect(runCli('eval', 'a.json', '--bogus', '1').stderr).toContain('unknown option --bogus');
    expect(runCli('frobnicate').code).toBe(2);
  });
});
