import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { nonFiniteLayers, nonFiniteMessages } from '../../../src-core/sheet/non-finite';
import { readWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import { runCli } from '../support/cli';

// Values that overflow during evaluation are found with the layer that produced them. Worked by hand,
// in float64 as PyTorch computes it:
//   input [1e200, 1]; conv 1x1 with weight 1e200: [1e200 * 1e200, 1e200] = [Infinity, 1e200]
//   relu: [Infinity, 1e200] (it carries the Infinity on)
//   dense [[1, 0], [0, 1]]: [Inf*1 + 1e200*0, Inf*0 + 1e200*1] = [Infinity, NaN] (Infinity x 0 is NaN)
const overflow = {
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 1, 2], data: [1e200, 1] },
  layers: [
    { type: 'conv2d', name: 'big', weight: { shape: [1, 1, 1, 1], data: [1e200] } },
    { type: 'relu' },
    { type: 'dense', name: 'fc', weight: { shape: [2, 2], data: [1, 0, 0, 1] } },
  ],
};

function resolved(json: object): ResolvedWorkbook {
  const read = readWorkbook(JSON.stringify(json));
  if (!read.ok) throw new Error(read.errors[0]?.message);
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value;
}

function found(json: object) {
  const r = resolved(json);
  return nonFiniteLayers(r, evaluate(r));
}

describe('nonFiniteLayers', () => {
  it('names the layer where 1e200 x 1e200 overflowed, and the layers that carry it on', () => {
    const cell = (channel: number, row: number, column: number, index: number, value: number) => ({
      channel,
      row,
      column,
      index,
      value,
    });
    expect(found(overflow)).toEqual([
      {
        layer: 0,
        name: 'big',
        label: 'layers[0] (big)',
        count: 1,
        first: cell(0, 0, 0, 0, Infinity),
        source: true,
      },
      {
        layer: 1,
        name: 'relu1',
        label: 'layers[1] (relu1)',
        count: 1,
        first: cell(0, 0, 0, 0, Infinity),
        source: false,
      },
      {
        layer: 2,
        name: 'fc',
        label: 'layers[2] (fc)',
        count: 2,
        first: cell(0, 0, 0, 0, Infinity),
        source: false,
      },
    ]);
  });

  it('finds an overflow that starts after finite layers, at its map, row and column', () => {
    // 2 maps of 2 x 2; the second filter is 1e300, the input's last value 1e10: 1e310 overflows at
    // map 2, row 2, column 2 (flat index 4 + 3 = 7); everything else stays finite.
    const json = {
      ...overflow,
      input: { shape: [1, 2, 2], data: [1, 2, 3, 1e10] },
      layers: [{ type: 'conv2d', name: 'pair', weight: { shape: [2, 1, 1, 1], data: [1, 1e300] } }],
    };
    const [only, ...rest] = found(json);
    expect(rest).toEqual([]);
    expect(only?.first).toEqual({ channel: 1, row: 1, column: 1, index: 7, value: Infinity });
    expect(only?.count).toBe(1);
  });

  it('is empty when everything is finite, even at the largest finite values', () => {
    // 1e154 squared is 1e308, still finite (the largest double is about 1.797e308).
    const json = {
      ...overflow,
      input: { shape: [1, 1, 2], data: [1e154, 1] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 1], data: [1e154] } }, { type: 'relu' }],
    };
    expect(found(json)).toEqual([]);
  });

  it('says in one line per source which layer produced how many, and where the first is', () => {
    expect(nonFiniteMessages(found(overflow))).toEqual([
      'layers[0] (big) produced 1 value that is not finite (overflow): the first is Infinity at map 1, row 1, ' +
        'column 1; 2 later layers carry them on',
    ]);
  });
});

describe('convsheet eval on a workbook that overflows', () => {
  it('exits 0, writes the non-finite values as null and warns on stderr naming the layer', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'convsheet-overflow-')), 'overflow.convsheet.json');
    writeFileSync(file, JSON.stringify(overflow));
    const run = runCli('eval', file);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { layers: { name: string; data: (number | null)[] }[] };
    // JSON has no Infinity or NaN: null stands for both; the finite values are kept exactly.
    expect(out.layers.map((l) => [l.name, l.data])).toEqual([
      ['big', [null, 1e200]],
      ['relu1', [null, 1e200]],
      ['fc', [null, null]],
    ]);
    expect(run.stderr).toBe(
      `convsheet: warning: ${file}: layers[0] (big) produced 1 value that is not finite (overflow): the first ` +
        'is Infinity at map 1, row 1, column 1; 2 later layers carry them on; written as null in the JSON output\n',
    );
  });
});
