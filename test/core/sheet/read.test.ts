import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../src-core/sheet/read';
import { newLayerName } from '../../../src-core/sheet/types';
import { conv, dense, file, layer, read, resolve } from './build';

describe('reading a workbook file into the model', () => {
  it('fills in the defaults of CONTRACTS and numbers the layers by type', () => {
    // 1 x 8 x 10 -> 2 x 6 x 8 -> 1 x 5 x 7 -> max pool 1 x 2 x 3 -> avg pool 1 x 2 x 1 -> dense 3
    const w = read(
      file(
        [1, 8, 10],
        [
          conv(2, 1, 3),
          layer('relu'),
          conv(1, 2, 2, { name: 'edges' }),
          layer('relu'),
          layer('maxpool2d', { size: 2 }),
          layer('avgpool2d', { size: [1, 2] }),
          layer('leaky_relu'),
          layer('dropout'),
          dense(3, 2),
        ],
      ),
    );
    expect(w.layers).toEqual([
      {
        type: 'conv2d',
        name: 'conv1',
        weight: { shape: [2, 1, 3, 3], data: null },
        bias: { shape: [2], data: new Float64Array(2) },
        hasBias: false,
        stride: 1,
        padding: 0,
        paddingMode: 'zeros',
        dilation: 1,
        flip: false,
        trainable: true,
      },
      { type: 'relu', name: 'relu1' },
      expect.objectContaining({ type: 'conv2d', name: 'edges' }),
      { type: 'relu', name: 'relu2' },
      { type: 'maxpool2d', name: 'maxpool1', size: 2, stride: null, padding: 0, dilation: 1 },
      { type: 'avgpool2d', name: 'avgpool1', size: [1, 2], stride: null, padding: 0, countIncludePad: true },
      { type: 'leaky_relu', name: 'leakyrelu1', slope: 0.01 },
      { type: 'dropout', name: 'dropout1', p: 0.5 },
      {
        type: 'dense',
        name: 'fc1',
        weight: { shape: [3, 2], data: null },
        bias: { shape: [3], data: new Float64Array(3) },
        hasBias: false,
        trainable: true,
      },
    ]);
  });

  it('keeps every setting in the form it was written', () => {
    const w = read(
      file(
        [2, 8, 8],
        [
          conv(2, 2, 4, {
            padding: 'same',
            stride: [1, 1],
            dilation: [2, 1],
            paddingMode: 'reflect',
            flip: true,
            trainable: false,
          }),
          layer('maxpool2d', { size: [2, 2], stride: 2, padding: [1, 0] }),
        ],
      ),
    );
    expect(w.layers[0]).toMatchObject({
      padding: 'same',
      stride: [1, 1],
      dilation: [2, 1],
      paddingMode: 'reflect',
      flip: true,
      trainable: false,
    });
    expect(w.layers[1]).toMatchObject({ size: [2, 2], stride: 2, padding: [1, 0] });
  });

  it('reads values as float64, row-major, exactly as written', () => {
    const w = read({
      format: 'convsheet',
      version: 1,
      name: 'vertical edges',
      input: { shape: [1, 2, 3], data: [0, 0.1, 0.2, 1e-300, -0, 3] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 2], data: [1, -1] }, bias: [0.25] }],
    });
    expect(w.name).toBe('vertical edges');
    expect(w.input.data).toEqual(Float64Array.from([0, 0.1, 0.2, 1e-300, -0, 3]));
    expect(Object.is(w.input.data?.[4], -0)).toBe(true);
    expect(w.layers[0]).toMatchObject({
      bias: { shape: [1], data: Float64Array.from([0.25]) },
      hasBias: true,
    });
  });

  it('reads a shape-only bias {"shape": [OUT]} as a bias without values', () => {
    const w = read(file([3, 4, 4], [conv(8, 3, 3, { bias: { shape: [8] } })]));
    expect(w.layers[0]).toMatchObject({ bias: { shape: [8], data: null }, hasBias: true });
  });

  it('keeps "ui" and "learn" verbatim; they never change a number', () => {
    const ui = {
      zoom: 1.5,
      colourScale: { kind: 'diverging', centre: 0 },
      frozen: [
        [0, 1],
        [2, 2],
      ],
    };
    const learn = { loss: 'mse', history: [0.5, 0.25, null] };
    const w = read(file([1, 2, 2], [], { ui, learn }));
    expect(w.ui).toEqual(ui);
    expect(w.learn).toEqual(learn);
  });

  it('returns warnings alongside a valid workbook', () => {
    const r = readWorkbook(JSON.stringify(file([1, 7, 7], [conv(1, 1, 3, { stride: 3 })])));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['layers[0].stride']);
  });
});

describe('what evaluation gets from the resolved workbook', () => {
  it('an explicit geometry for every conv and pool, whatever was written', () => {
    const r = resolve(
      file(
        [1, 7, 9],
        [
          conv(1, 1, [3, 2], { padding: [1, 0], stride: [2, 1], dilation: 2 }),
          layer('maxpool2d', { size: 2 }),
        ],
      ),
    );
    const [c, p] = r.layers;
    if (c?.type !== 'conv2d' || p?.type !== 'maxpool2d') throw new Error('expected a conv and a pool');
    expect(c.geometry).toEqual({
      kernelH: 3,
      kernelW: 2,
      strideH: 2,
      strideW: 1,
      padTop: 1,
      padBottom: 1,
      padLeft: 0,
      padRight: 0,
      dilationH: 2,
      dilationW: 2,
    });
    // rows: floor((7 + 2 - 2*2 - 1) / 2) + 1 = 3; columns: floor((9 - 2*1 - 1) / 1) + 1 = 7
    expect(c.outputShape).toEqual([1, 3, 7]);
    // a pool's stride defaults to its window
    expect(p.geometry).toMatchObject({ kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 });
    expect(p.outputShape).toEqual([1, 1, 3]);
  });
});

describe('names for new layers', () => {
  it('takes the first number no layer uses yet', () => {
    const w = read(file([1, 4, 4], [conv(1, 1, 1), layer('relu'), conv(1, 1, 1, { name: 'conv3' })]));
    expect(newLayerName(w.layers, 'conv2d')).toBe('conv2');
    expect(newLayerName(w.layers, 'relu')).toBe('relu2');
    expect(newLayerName(w.layers, 'dense')).toBe('fc1');
  });
});
