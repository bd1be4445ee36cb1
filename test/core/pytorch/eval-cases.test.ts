import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backward } from '../../../src-core/learn/backprop';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import { tensor } from '../../../src-core/tensor';
import { expectClose } from '../support/close';

// Every layer output and every gradient of 68 workbooks covering every option, against PyTorch
// (float64), from test/fixtures/pytorch/eval-cases.json (see the README beside it).

interface Flat {
  shape: number[];
  data: number[];
}
interface EvalCase {
  name: string;
  workbook: unknown;
  outputs: Flat[];
  gradSeed: Flat;
  grads: { input: Flat; layers: ({ weight: Flat; bias: number[] } | null)[] };
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pytorch/eval-cases.json', import.meta.url), 'utf8'),
) as { cases: EvalCase[] };

function resolved(c: EvalCase) {
  const read = parseWorkbook(c.workbook);
  if (!read.ok) throw new Error(read.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

describe('evaluation equals PyTorch', () => {
  it('covers every case of the fixture', () => {
    expect(fixture.cases.length).toBe(68);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = resolved(c);
    const evaluation = evaluate(r);
    expect(evaluation.outputs.length).toBe(c.outputs.length);
    c.outputs.forEach((expected, k) => {
      expect(evaluation.outputs[k]?.shape, `layer ${k} shape`).toEqual(expected.shape);
      expectClose(evaluation.outputs[k]?.data ?? [], expected.data, `layer ${k} output`);
    });

    const grads = backward(r, evaluation, tensor(c.gradSeed.shape, c.gradSeed.data));
    expect(grads.input.shape).toEqual(c.grads.input.shape);
    expectClose(grads.input.data, c.grads.input.data, 'dL/dinput');
    c.grads.layers.forEach((expected, k) => {
      const actual = grads.layers[k];
      if (expected === null) {
        expect(actual, `layer ${k} has no parameters`).toBeNull();
        return;
      }
      expectClose(actual?.weight.data ?? [], expected.weight.data, `layer ${k} dL/dweight`);
      expectClose(actual?.bias ?? [], expected.bias, `layer ${k} dL/dbias`);
    });
  });
});
