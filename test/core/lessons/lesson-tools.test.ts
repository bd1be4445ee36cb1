import { describe, expect, it } from 'vitest';
import { dropoutView } from '../../../src-core/lessons/dropout-view';
import {
  filterMatrix,
  im2colProduct,
  matrixColumn,
  matrixRow,
  patchMatrix,
  rotate180,
} from '../../../src-core/lessons/im2col';
import { parseLessonText, plainText } from '../../../src-core/lessons/lesson-text';
import { receptiveFieldGrowth } from '../../../src-core/lessons/receptive-field';
import { resolveConvSizes, resolvePreset } from '../../../src-core/lessons/shape-calculator';
import { windowFrame } from '../../../src-core/lessons/sliding-window';
import { compareMaps, detectShift, shiftInput, shiftText } from '../../../src-core/lessons/translation';
import { countLayers } from '../../../src-core/lessons/counting';
import { changeLayer } from '../../../src-core/sheet/edit-settings';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { firstRunWorkbook } from '../../../src-core/presets/workbooks';
import { atStep, resolved } from './support';

describe('lesson text: a small Markdown subset, as data', () => {
  it('reads paragraphs, bullets, bold, italic and code, and keeps HTML as characters', () => {
    const blocks = parseLessonText('One **bold** and *it* with `code`.\n\n- a\n- b <b>x</b>\n\n2 * 3 = 6');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        spans: [
          { style: 'plain', text: 'One ' },
          { style: 'bold', text: 'bold' },
          { style: 'plain', text: ' and ' },
          { style: 'italic', text: 'it' },
          { style: 'plain', text: ' with ' },
          { style: 'code', text: 'code' },
          { style: 'plain', text: '.' },
        ],
      },
      { kind: 'list', items: [[{ style: 'plain', text: 'a' }], [{ style: 'plain', text: 'b <b>x</b>' }]] },
      { kind: 'paragraph', spans: [{ style: 'plain', text: '2 * 3 = 6' }] },
    ]);
    expect(plainText(blocks)).toBe('One bold and it with code.\n\n- a\n- b <b>x</b>\n\n2 * 3 = 6');
  });
});

describe('the sliding window', () => {
  it('lonely 1 with padding: the first window reads the zero pad, 0 and 0: 0×-1 + 0×1 + 0×-1 = 0', () => {
    const { resolved: r, evaluation } = atStep('lonely-one', 3);
    const f = windowFrame(r, evaluation, 0, 0);
    const ch = f.channels[0];
    expect(ch?.cols).toBe(12);
    expect(Array.from(ch?.pad ?? [])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ch?.taps.map((t) => [t.value, t.weight, t.pad])).toEqual([
      [0, -1, true],
      [0, 1, false],
      [0, -1, false],
    ]);
    // Over the lonely 1 (output 6): 0, 1, 0 under -1, 1, -1.
    const lonely = windowFrame(r, evaluation, 0, 6);
    expect(lonely.channels[0]?.taps.map((t) => t.product)).toEqual([-0, 1, -0]);
    expect(lonely.value).toBe(1);
  });

  it('reflect padding shows the values the ring copies', () => {
    const { resolved: r, evaluation } = atStep('hi-dot', 2);
    const ch = windowFrame(r, evaluation, 0, 0).channels[0];
    // Padded row 0 reflects input row 1 (1 0 0 0 0) with its columns reflected too: 0 | 1 0 0 0 0 | 0.
    expect(Array.from(ch?.values.slice(0, 7) ?? [])).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('RGB: one subtotal per channel, 6 + 0.5 + 0 - 0.5 = 6', () => {
    const { resolved: r, evaluation } = atStep('rgb', 1);
    const f = windowFrame(r, evaluation, 0, 0);
    expect(f.channels.map((c) => c.subtotal)).toEqual([6, 0.5, 0]);
    expect(f.bias).toBe(-0.5);
    expect(f.value).toBe(6);
  });

  it('max pool: the window of pooled cell (1, 1) covers rows 2-3, columns 2-3; the first maximum wins', () => {
    const { resolved: r, evaluation } = atStep('pooling-translation', 1);
    const f = windowFrame(r, evaluation, 2, 5);
    expect(f.channels[0]?.taps.map((t) => [t.paddedRow, t.paddedCol, t.value])).toEqual([
      [2, 2, 1],
      [2, 3, 0],
      [3, 2, 0],
      [3, 3, 0],
    ]);
    expect(f.winner).toBe(0);
    expect(f.value).toBe(1);
  });
});

describe('im2col: the patch matrix times the filter matrix is the conv layer', () => {
  it('1..9 with 1 2 / 3 4: patch rows [1 2 4 5], [2 3 5 6], [4 5 7 8], [5 6 8 9]', () => {
    const { resolved: r, evaluation } = atStep('by-hand', 1);
    const conv = r.layers[0];
    if (conv?.type !== 'conv2d') throw new Error('conv expected');
    const patches = patchMatrix(conv, evaluation.input.data);
    expect(Array.from(patches.data)).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
    const filters = filterMatrix(conv);
    expect(Array.from(matrixColumn(filters, 0))).toEqual([1, 2, 3, 4]);
    // One output cell as a dot product: [1 2 4 5] . [1 2 3 4] = 37.
    const row = matrixRow(patches, 0);
    expect(row.reduce((s, v, k) => s + v * (filters.data[k] ?? 0), 0)).toBe(37);
    expect(Array.from(im2colProduct(conv, patches, filters).data)).toEqual([37, 47, 67, 77]);
  });

  it('equals the engine on a two-filter, two-channel layer with reflect padding, stride 2 and a flip', () => {
    const base = firstRunWorkbook();
    const edit = changeLayer(base, 2, { padding: 1, paddingMode: 'reflect', stride: 2, flip: true });
    if (!edit.ok) throw new Error('edit failed');
    const r = resolved(edit.value.workbook);
    const evaluation = evaluate(r);
    const conv = r.layers[2];
    if (conv?.type !== 'conv2d') throw new Error('conv expected');
    const input = evaluation.outputs[1]?.data ?? new Float64Array();
    const product = im2colProduct(conv, patchMatrix(conv, input), filterMatrix(conv));
    const [out, oh, ow] = conv.outputShape;
    const engine = evaluation.outputs[2]?.data ?? new Float64Array();
    for (let o = 0; o < out; o++) {
      for (let p = 0; p < oh * ow; p++) {
        expect(product.data[p * out + o]).toBeCloseTo(engine[o * oh * ow + p] ?? NaN, 12);
      }
    }
  });

  it('rotating 1 2 / 3 4 by 180 degrees gives 4 3 / 2 1', () => {
    expect(Array.from(rotate180([1, 2, 3, 4], 2, 2))).toEqual([4, 3, 2, 1]);
    expect(Array.from(rotate180([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe('receptive fields', () => {
  it('grow 3, 5, 6 and 10 cells wide in the input, layer by layer', () => {
    const { resolved: r } = atStep('receptive-fields', 0);
    const inputSize = (layer: number, row: number, col: number) => {
      const sizes = receptiveFieldGrowth(r, { layer, index: row * r.layers[layer]!.outputShape[2] + col });
      const input = sizes[sizes.length - 1];
      return [input?.name, input?.rows, input?.cols];
    };
    expect(inputSize(0, 4, 4)).toEqual(['Input', 3, 3]);
    expect(inputSize(2, 3, 3)).toEqual(['Input', 5, 5]);
    expect(inputSize(4, 1, 1)).toEqual(['Input', 6, 6]);
    expect(inputSize(5, 0, 0)).toEqual(['Input', 10, 10]);
    const sizes = receptiveFieldGrowth(r, { layer: 5, index: 0 });
    expect(sizes.map((s) => `${s.name} ${s.rows}x${s.cols}`)).toEqual([
      'conv3 1x1',
      'maxpool1 3x3',
      'relu2 6x6',
      'conv2 6x6',
      'relu1 8x8',
      'conv1 8x8',
      'Input 10x10',
    ]);
  });
});

describe('translation', () => {
  it('shifts the input one cell right, zeros entering at the left', () => {
    const { resolved: r } = atStep('lonely-one', 0);
    const moved = shiftInput(r.workbook, 0, 1);
    expect(moved.ok && Array.from(moved.value.workbook.input.data ?? [])).toEqual([
      0, 0, 0, 1, 1, 1, 0, 1, 0, 0,
    ]);
    expect(moved.ok && moved.value.label).toBe('input shifted one cell right');
    expect(shiftText(-2, 1)).toBe('2 cells up and one cell right');
  });

  it('recognises a shift however it came, and nothing else', () => {
    const before = Float64Array.from([0, 0, 0, 0, 1, 2, 0, 3, 4]);
    // One cell up and one left: 1 2 / 3 4 moves to the top-left corner, zeros come in.
    const after = Float64Array.from([1, 2, 0, 3, 4, 0, 0, 0, 0]);
    expect(detectShift(before, after, [1, 3, 3])).toEqual([-1, -1]);
    expect(detectShift(before, before, [1, 3, 3])).toBeNull();
    expect(detectShift(before, Float64Array.from([9, 0, 0, 0, 1, 2, 0, 3, 4]), [1, 3, 3])).toBeNull();
  });

  it('says which maps moved with the input and which stayed the same', () => {
    const before = atStep('pooling-translation', 1).evaluation;
    const after = atStep('pooling-translation', 2).evaluation;
    const data = (e: typeof before, k: number) => e.outputs[k]?.data ?? new Float64Array();
    expect(compareMaps(data(before, 1), data(after, 1), [1, 8, 8], 0, 1)).toEqual({
      kind: 'moved',
      dy: 0,
      dx: 1,
    });
    expect(compareMaps(data(before, 2), data(after, 2), [1, 4, 4], 0, 1)).toEqual({ kind: 'same' });
    const later = atStep('pooling-translation', 3).evaluation;
    // Two cells right in all: the pooled map moves by one (half as many cells).
    expect(compareMaps(data(before, 2), data(later, 2), [1, 4, 4], 0, 2)).toEqual({
      kind: 'moved',
      dy: 0,
      dx: 1,
    });
  });
});

describe('dropout while learning', () => {
  it('keeps each value with probability 1 - p and doubles it at p = 0.5', () => {
    const input = Float64Array.from({ length: 16 }, (_, k) => k + 1);
    const v = dropoutView(input, 0.5, 1);
    expect(v.scale).toBe(2);
    for (let k = 0; k < 16; k++) expect(v.output[k]).toBe(v.mask[k] === 1 ? 2 * (k + 1) : 0);
    expect(v.kept).toBe(v.mask.reduce((n, m) => n + m, 0));
    // The same seed draws the same mask; another seed another one.
    expect(Array.from(dropoutView(input, 0.5, 1).mask)).toEqual(Array.from(v.mask));
    expect(Array.from(dropoutView(input, 0.5, 2).mask)).not.toEqual(Array.from(v.mask));
    expect(dropoutView(input, 0.25, 1).scale).toBeCloseTo(4 / 3, 12);
  });
});

describe('the shape calculator', () => {
  it('reproduces the figures courses quote', () => {
    const count = (id: string) => {
      const r = resolvePreset(id);
      if (!r.ok) throw new Error(id);
      return { r: r.value, counts: countLayers(r.value) };
    };
    expect(count('lenet5').counts[0]).toMatchObject({ params: 156, connections: 122_304 });
    expect(count('alexnet-conv1').r.outputShape).toEqual([96, 55, 55]);
    expect(count('alexnet-conv1').r.params).toBe(34_944);
    expect(count('vgg16').r.params).toBe(138_357_544);
    expect(count('inception-5x5').r.macs).toBe(120_422_400);
    expect(count('inception-bottleneck').r.macs).toBe(12_443_648);
  });

  it('one conv layer from its sizes: 227 x 227 x 3, 96 filters of 11 x 11, stride 4 -> 96 x 55 x 55', () => {
    const r = resolveConvSizes({
      channels: 3,
      height: 227,
      width: 227,
      filters: 96,
      kernel: 11,
      stride: 4,
      padding: 0,
    });
    expect(r.ok && r.value.outputShape).toEqual([96, 55, 55]);
    const bad = resolveConvSizes({
      channels: 1,
      height: 4,
      width: 4,
      filters: 1,
      kernel: 5,
      stride: 1,
      padding: 0,
    });
    expect(bad.ok).toBe(false);
  });
});
