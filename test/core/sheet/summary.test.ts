import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasAllData, missingData } from '../../../src-core/sheet/data';
import { readWorkbook } from '../../../src-core/sheet/read';
import { summarize } from '../../../src-core/sheet/summary';
import type { Workbook } from '../../../src-core/sheet/types';
import { conv, dense, file, layer, read } from './build';

function fixture(name: string): Workbook {
  const text = readFileSync(new URL(`../../fixtures/workbooks/${name}`, import.meta.url), 'utf8');
  const r = readWorkbook(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  expect(r.warnings).toEqual([]);
  return r.value;
}

function summary(w: Workbook) {
  const s = summarize(w);
  if (!s.ok) throw new Error(s.errors.map((e) => e.message).join('\n'));
  return s.value;
}

describe('convsheet summary', () => {
  it('prints name, type, output shape, parameters and multiply-accumulates of every layer', () => {
    const w = read(
      file(
        [1, 28, 28],
        [
          conv(2, 1, 3),
          layer('relu'),
          layer('maxpool2d', { size: 2 }),
          dense(10, 338, { bias: { shape: [10] } }),
          layer('softmax'),
        ],
      ),
    );
    expect(summary(w)).toEqual({
      layers: [
        // 2 x 26 x 26 outputs x 1 x 3 x 3 = 12168 multiply-accumulates; 18 weights, no bias
        { name: 'conv1', type: 'conv2d', shape: [2, 26, 26], params: 18, macs: 12168 },
        { name: 'relu1', type: 'relu', shape: [2, 26, 26], params: 0, macs: 0 },
        { name: 'maxpool1', type: 'maxpool2d', shape: [2, 13, 13], params: 0, macs: 0 },
        // 10 x 338 weights + 10 biases
        { name: 'fc1', type: 'dense', shape: [10, 1, 1], params: 3390, macs: 3380 },
        { name: 'softmax1', type: 'softmax', shape: [10, 1, 1], params: 0, macs: 0 },
      ],
      params: 3408,
      macs: 15548,
    });
  });

  it('refuses a workbook whose shapes do not fit, with the reason', () => {
    const w = read(file([1, 28, 28], [conv(2, 1, 3)]));
    const broken: Workbook = {
      ...w,
      layers: [{ ...(w.layers[0] as Extract<Workbook['layers'][number], { type: 'conv2d' }>), stride: 0 }],
    };
    expect(summarize(broken)).toEqual({
      ok: false,
      errors: [
        {
          path: 'layers[0].stride',
          message:
            'layers[0] (conv1): stride must be a whole number of at least 1 (or a pair of them); got 0',
        },
      ],
      warnings: [],
    });
  });
});

describe('shape-only workbooks of classic networks', () => {
  it('VGG-16: 138,357,544 parameters and 15,470,264,320 multiply-accumulates', () => {
    const s = summary(fixture('vgg16-shapes.convsheet.json'));
    expect(s.params).toBe(138357544);
    // sum over the 13 convs of H*W*OUT*IN*9, plus 25088*4096 + 4096*4096 + 4096*1000
    expect(s.macs).toBe(15470264320);
    const byName = new Map(s.layers.map((l) => [l.name, l]));
    expect(byName.get('conv1_1')).toEqual({
      name: 'conv1_1',
      type: 'conv2d',
      shape: [64, 224, 224],
      params: 1792,
      macs: 86704128,
    });
    expect(byName.get('pool5')?.shape).toEqual([512, 7, 7]);
    expect(byName.get('fc6')).toEqual({
      name: 'fc6',
      type: 'dense',
      shape: [4096, 1, 1],
      params: 102764544,
      macs: 102760448,
    });
    expect(s.layers[s.layers.length - 1]?.shape).toEqual([1000, 1, 1]);
  });

  it('AlexNet (one GPU, 227 x 227): 62,378,344 parameters', () => {
    const s = summary(fixture('alexnet-shapes.convsheet.json'));
    expect(s.params).toBe(62378344);
    expect(
      s.layers.filter((l) => l.type === 'conv2d' || l.type === 'maxpool2d').map((l) => [l.name, l.shape]),
    ).toEqual([
      ['conv1', [96, 55, 55]],
      ['pool1', [96, 27, 27]],
      ['conv2', [256, 27, 27]],
      ['pool2', [256, 13, 13]],
      ['conv3', [384, 13, 13]],
      ['conv4', [384, 13, 13]],
      ['conv5', [256, 13, 13]],
      ['pool5', [256, 6, 6]],
    ]);
    expect(s.layers[0]).toEqual({
      name: 'conv1',
      type: 'conv2d',
      shape: [96, 55, 55],
      params: 34944,
      macs: 105415200,
    });
  });

  it('LeNet-5: 61,706 parameters, C3 2416 of them', () => {
    const s = summary(fixture('lenet5-shapes.convsheet.json'));
    // C1 156 + C3 2416 + C5 48120 + F6 10164 + output 850
    expect(s.params).toBe(61706);
    // C1 6*28*28*25 + C3 16*10*10*150 + C5 120*400 + F6 84*120 + output 10*84
    expect(s.macs).toBe(416520);
    expect(s.layers.map((l) => `${l.name} ${l.shape.join('x')} ${l.params}`)).toEqual([
      'C1 6x28x28 156',
      'tanh1 6x28x28 0',
      'S2 6x14x14 0',
      'C3 16x10x10 2416',
      'tanh2 16x10x10 0',
      'S4 16x5x5 0',
      'C5 120x1x1 48120',
      'tanh3 120x1x1 0',
      'flatten1 120x1x1 0',
      'F6 84x1x1 10164',
      'tanh4 84x1x1 0',
      'output 10x1x1 850',
    ]);
  });
});

describe('shape-only workbooks and eval', () => {
  it('lists every missing value so eval and learn can refuse the workbook', () => {
    const w = read(file([1, 5, 5], [conv(1, 1, 3, { bias: { shape: [1] } }), dense(2, 9)]));
    expect(hasAllData(w)).toBe(false);
    expect(missingData(w)).toEqual([
      {
        path: 'input.data',
        message: 'input: no data (this workbook describes shapes only); eval and learn need every value',
      },
      {
        path: 'layers[0].weight.data',
        message: 'layers[0] (conv1): weight has no data (shape only); eval and learn need every value',
      },
      {
        path: 'layers[0].bias',
        message: 'layers[0] (conv1): bias has no data (shape only); eval and learn need every value',
      },
      {
        path: 'layers[1].weight.data',
        message: 'layers[1] (fc1): weight has no data (shape only); eval and learn need every value',
      },
    ]);
  });

  it('a bias left out is zeros, not missing data', () => {
    const w = read({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 2, 2], data: [1, 2, 3, 4] },
      layers: [{ type: 'conv2d', weight: { shape: [3, 1, 1, 1], data: [1, 2, 3] } }],
    });
    expect(hasAllData(w)).toBe(true);
    expect(missingData(w)).toEqual([]);
  });
});
