import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkbook, readWorkbook } from '../../../src-core/sheet/read';
import type { Workbook } from '../../../src-core/sheet/types';
import { writeWorkbook } from '../../../src-core/sheet/write';
import { conv, dense, file, layer, read } from './build';

function reread(text: string): Workbook {
  const r = readWorkbook(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

describe('writing a workbook', () => {
  it('writes keys in a fixed order, settings as written, defaults spelled out, one row of values per line', () => {
    const w = read({
      format: 'convsheet',
      version: 1,
      name: 'edges',
      layers: [
        { type: 'relu' },
        {
          bias: [0.5, -1],
          padding: 'same',
          weight: { data: [1, 0, -1, 1, 0, -1, 2, 2, 2, 0, 0, 0], shape: [2, 1, 2, 3] },
          type: 'conv2d',
        },
        { type: 'maxpool2d', size: [2, 1] },
        { type: 'dense', name: 'scores', weight: { shape: [2, 8] } },
      ],
      input: { shape: [1, 2, 4], data: [0, 0.5, 1, 0, -0, 0.25, 1e-7, 3] },
      ui: { zoom: 2, order: ['b', 'a'] },
    });
    expect(writeWorkbook(w)).toBe(`{
  "format": "convsheet",
  "version": 1,
  "name": "edges",
  "input": {
    "shape": [1, 2, 4],
    "data": [
      0, 0.5, 1, 0,
      -0, 0.25, 1e-7, 3
    ]
  },
  "layers": [
    {
      "type": "relu",
      "name": "relu1"
    },
    {
      "type": "conv2d",
      "name": "conv1",
      "weight": {
        "shape": [2, 1, 2, 3],
        "data": [
          1, 0, -1,
          1, 0, -1,
          2, 2, 2,
          0, 0, 0
        ]
      },
      "bias": [0.5, -1],
      "stride": 1,
      "padding": "same",
      "paddingMode": "zeros",
      "dilation": 1,
      "flip": false,
      "trainable": true
    },
    {
      "type": "maxpool2d",
      "name": "maxpool1",
      "size": [2, 1],
      "padding": 0
    },
    {
      "type": "dense",
      "name": "scores",
      "weight": {
        "shape": [2, 8]
      },
      "trainable": true
    }
  ],
  "ui": {
    "zoom": 2,
    "order": ["b", "a"]
  }
}
`);
  });

  it('leaves out a bias the file did not have, and writes a shape-only bias as {"shape": [OUT]}', () => {
    const text = writeWorkbook(
      read(file([3, 4, 4], [conv(2, 3, 3), conv(1, 2, 2, { bias: { shape: [1] } })])),
    );
    const layers = (JSON.parse(text) as { layers: Record<string, unknown>[] }).layers;
    expect('bias' in (layers[0] ?? {})).toBe(false);
    expect(layers[1]?.bias).toEqual({ shape: [1] });
  });

  it('writes a max pool dilation only when it is not 1 (an extension of the format)', () => {
    const text = writeWorkbook(
      read(file([1, 9, 9], [layer('maxpool2d', { size: 2, dilation: 2 }), layer('maxpool2d', { size: 2 })])),
    );
    const layers = (JSON.parse(text) as { layers: Record<string, unknown>[] }).layers;
    expect(layers.map((l) => l.dilation)).toEqual([2, undefined]);
  });
});

describe('write then read gives the same workbook', () => {
  // 2 x 5 x 6 -> conv 3 x 3 x 2 -> avg pool 3 x 4 x 3 -> max pool 3 x 2 x 3 -> flatten 18 -> dense 2
  const hand = file(
    [2, 5, 6],
    [
      conv(3, 2, [2, 3], {
        padding: [1, 0],
        stride: [2, 1],
        dilation: [1, 2],
        paddingMode: 'circular',
        flip: true,
        bias: [1, -0, 2.5e-300],
      }),
      layer('leaky_relu', { slope: -0.3 }),
      layer('avgpool2d', { size: 2, stride: 1, padding: 1, countIncludePad: false }),
      layer('maxpool2d', { size: [2, 1], dilation: [1, 1] }),
      layer('dropout', { p: 0 }),
      layer('flatten'),
      dense(2, 18, { trainable: false }),
      layer('softmax', { name: 'probabilities' }),
    ],
    { name: 'every setting', ui: { a: [1, { b: null }], c: 'd' }, learn: { steps: 3 } },
  );

  it('for a workbook with every setting', () => {
    const w = read(hand);
    const again = reread(writeWorkbook(w));
    expect(again).toEqual(w);
    expect(writeWorkbook(again)).toBe(writeWorkbook(w));
  });

  it('keeps -0 and the last bit of every float64', () => {
    const values = [
      -0,
      0.1 + 0.2,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      -1 / 3,
      2 ** -1074,
      123456789.12345679,
    ];
    const w = read({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 1, values.length], data: values },
      layers: [],
    });
    const data = reread(writeWorkbook(w)).input.data;
    expect(data).toEqual(Float64Array.from(values));
    expect(Object.is(data?.[0], -0)).toBe(true);
  });

  it('for every workbook of the PyTorch fixtures and the classic networks', () => {
    const workbooks: unknown[] = [];
    for (const name of ['eval-cases.json', 'learn-cases.json']) {
      const url = new URL(`../../fixtures/pytorch/${name}`, import.meta.url);
      const cases = (
        JSON.parse(readFileSync(url, 'utf8')) as { cases: { workbook: unknown; final?: unknown }[] }
      ).cases;
      for (const c of cases) workbooks.push(c.workbook, ...(c.final === undefined ? [] : [c.final]));
    }
    const dir = new URL('../../fixtures/workbooks/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.convsheet.json'))) {
      workbooks.push(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
    }
    expect(workbooks.length).toBeGreaterThan(90);
    for (const json of workbooks) {
      const first = parseWorkbook(json);
      if (!first.ok) throw new Error(first.errors.map((e) => e.message).join('\n'));
      const text = writeWorkbook(first.value);
      expect(reread(text)).toEqual(first.value);
      expect(writeWorkbook(reread(text))).toBe(text);
    }
  });
});
