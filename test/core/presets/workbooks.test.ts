import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_WORKBOOKS,
  fastaiExampleWorkbook,
  firstRunWorkbook,
} from '../../../src-core/presets/workbooks';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';
import { writeWorkbook } from '../../../src-core/sheet/write';
import { readWorkbook } from '../../../src-core/sheet/read';

interface FastaiFixture {
  input_28x28: number[][];
  conv1_filters_2x3x3: number[][][];
  conv1_relu_2x26x26: number[][][];
  conv2_filters_2x2x3x3: number[][][][];
  conv2_relu_2x24x24: number[][][];
  maxpool2x2_stride2_2x12x12: number[][][];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/fastai/fastai-conv-example.json', import.meta.url), 'utf8'),
) as FastaiFixture;

function resolved(workbook: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(workbook);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

function maxDifference(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  expected.forEach((e, i) => {
    worst = Math.max(worst, Math.abs((actual[i] ?? NaN) - e));
  });
  return worst;
}

describe('the fast.ai conv-example sample', () => {
  const workbook = fastaiExampleWorkbook();
  const evaluation = evaluate(resolved(workbook));

  it('holds the sheet digit and filters, the 0.0476... centre of filter 1 included', () => {
    expect([...(workbook.input.data ?? [])]).toEqual(fixture.input_28x28.flat());
    const [conv1, , conv2] = workbook.layers;
    if (conv1?.type !== 'conv2d' || conv2?.type !== 'conv2d') throw new Error('conv layers expected');
    expect([...(conv1.weight.data ?? [])]).toEqual(fixture.conv1_filters_2x3x3.flat(2));
    expect(conv1.weight.data?.[4]).toBe(0.04760062754793093);
    expect([...(conv2.weight.data ?? [])]).toEqual(fixture.conv2_filters_2x2x3x3.flat(3));
    expect(conv1.hasBias || conv2.hasBias).toBe(false);
  });

  it('reproduces the sheet maps within 1e-12: conv1 ReLU, conv2 ReLU and the 2 x 2 max pool', () => {
    const [, relu1, , relu2, pool] = evaluation.outputs;
    expect(relu1?.shape).toEqual([2, 26, 26]);
    expect(maxDifference(relu1?.data ?? [], fixture.conv1_relu_2x26x26.flat(2))).toBeLessThan(1e-12);
    expect(relu2?.shape).toEqual([2, 24, 24]);
    expect(maxDifference(relu2?.data ?? [], fixture.conv2_relu_2x24x24.flat(2))).toBeLessThan(1e-12);
    expect(pool?.shape).toEqual([2, 12, 12]);
    expect(maxDifference(pool?.data ?? [], fixture.maxpool2x2_stride2_2x12x12.flat(2))).toBeLessThan(1e-12);
  });
});

describe('the first-run workbook', () => {
  const workbook = firstRunWorkbook();
  const sheet = resolved(workbook);

  it('has the fast.ai layout ending in ten class scores', () => {
    expect(sheet.layers.map((l) => `${l.layer.name} ${l.outputShape.join('x')}`)).toEqual([
      'conv1 2x26x26',
      'relu1 2x26x26',
      'conv2 2x24x24',
      'relu2 2x24x24',
      'maxpool1 2x12x12',
      'fc1 10x1x1',
    ]);
    // conv1 2*9 + 2, conv2 2*2*9 + 2, fc1 10*288 + 10.
    expect(sheet.params).toBe(20 + 38 + 2890);
  });

  it('starts with the clean top-edge and left-edge filters and conv2 the fast.ai 3-D filters', () => {
    const [conv1, , conv2] = workbook.layers;
    if (conv1?.type !== 'conv2d' || conv2?.type !== 'conv2d') throw new Error('conv layers expected');
    expect([...(conv1.weight.data ?? [])]).toEqual([
      1, 1, 1, 0, 0, 0, -1, -1, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1,
    ]);
    expect([...(conv2.weight.data ?? [])]).toEqual(fixture.conv2_filters_2x2x3x3.flat(3));
  });

  it('computes a conv1 value a student can check: top-edge filter at output (6, 11)', () => {
    // Window rows 6-8, columns 11-13 (1-based): only row 8 is non-zero there, read through the -1 row.
    const raw = evaluate(sheet).outputs[0];
    const digit = fixture.input_28x28;
    const expected = -((digit[7]?.[10] ?? 0) + (digit[7]?.[11] ?? 0) + (digit[7]?.[12] ?? 0));
    expect(raw?.data[5 * 26 + 10]).toBeCloseTo(expected, 15);
    expect(expected).toBeCloseTo(-(0.38039219379425 + 0.376470625400543), 15);
  });

  it('is a new copy on every call, so edits never touch the sample', () => {
    const a = firstRunWorkbook();
    const b = firstRunWorkbook();
    expect(a.input.data).not.toBe(b.input.data);
    expect(a).toEqual(b);
  });
});

describe('the gallery', () => {
  it.each(SAMPLE_WORKBOOKS.map((s) => [s.id, s] as const))(
    '%s resolves, evaluates and round-trips',
    (_, s) => {
      const workbook = s.build();
      const sheet = resolved(workbook);
      const evaluation = evaluate(sheet);
      expect(evaluation.outputs).toHaveLength(workbook.layers.length);
      for (const out of evaluation.outputs) expect(out.data.every(Number.isFinite)).toBe(true);
      const back = readWorkbook(writeWorkbook(workbook));
      expect(back.ok).toBe(true);
    },
  );

  it('has unique ids and titles', () => {
    expect(new Set(SAMPLE_WORKBOOKS.map((s) => s.id)).size).toBe(SAMPLE_WORKBOOKS.length);
    expect(new Set(SAMPLE_WORKBOOKS.map((s) => s.title)).size).toBe(SAMPLE_WORKBOOKS.length);
  });
});
