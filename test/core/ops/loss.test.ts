import { describe, expect, it } from 'vitest';
import { bce, ce, mse } from '../../../src-core/ops/loss';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { randomTensor, values } from '../support/ops';

describe('mse', () => {
  it('is the mean of squared differences, with gradient 2(o - t)/N', () => {
    const { loss, grad } = mse(tensor([3, 1, 1], [1, 2, 3]), tensor([3, 1, 1], [1, 0, 0]));
    expect(loss).toBe(13 / 3);
    expect(grad.shape).toEqual([3, 1, 1]);
    expect(values(grad)).toEqual([0, (2 / 3) * 2, (2 / 3) * 3]);
  });

  it('averaged over a batch equals the mean over every element of every example', () => {
    const a = mse(tensor([2], [1, 2]), tensor([2], [0, 0])).loss; // (1 + 4) / 2
    const b = mse(tensor([2], [3, 0]), tensor([2], [0, 0])).loss; // (9 + 0) / 2
    expect((a + b) / 2).toBe((1 + 4 + 9 + 0) / 4);
  });

  it('matches central differences', () => {
    const output = randomTensor([2, 2, 2], 91);
    const target = randomTensor([2, 2, 2], 92);
    expectGradientsMatch({
      params: { output: output.data },
      forward: () => mse(output, target).loss,
      backward: () => ({ output: mse(output, target).grad }),
    });
  });
});

describe('bce (with logits)', () => {
  it('at logit 0 costs ln 2 for either label, with gradient sigmoid(0) - y', () => {
    for (const label of [0, 1]) {
      const { loss, grad } = bce(tensor([1, 1, 1], [0]), label);
      expect(loss).toBeCloseTo(Math.LN2, 15);
      expect(values(grad)).toEqual([0.5 - label]);
    }
  });

  it('at logit ln 3 (sigmoid 3/4) costs -ln(3/4) for label 1 and -ln(1/4) for label 0', () => {
    const x = tensor([1], [Math.log(3)]);
    expect(bce(x, 1).loss).toBeCloseTo(-Math.log(3 / 4), 15);
    expect(bce(x, 0).loss).toBeCloseTo(-Math.log(1 / 4), 15);
    expect(values(bce(x, 1).grad)[0]).toBeCloseTo(0.75 - 1, 15);
  });

  it('stays finite for confident logits', () => {
    expect(bce(tensor([1], [-1000]), 1).loss).toBe(1000);
    expect(bce(tensor([1], [1000]), 1).loss).toBe(0);
    expect(bce(tensor([1], [1000]), 0).loss).toBe(1000);
  });

  it('needs one output value and a 0/1 label', () => {
    expect(() => bce(tensor([2], [0, 0]), 1)).toThrow('bce needs a single output value');
    expect(() => bce(tensor([1], [0]), 2)).toThrow(RangeError);
  });

  it('matches central differences', () => {
    for (const [logit, label] of [
      [0.7, 1],
      [-2.3, 1],
      [1.9, 0],
      [-0.4, 0],
    ] as const) {
      const output = tensor([1, 1, 1], [logit]);
      expectGradientsMatch({
        params: { output: output.data },
        forward: () => bce(output, label).loss,
        backward: () => ({ output: bce(output, label).grad }),
      });
    }
  });
});

describe('ce (cross-entropy on logits)', () => {
  it('with logits 0, ln 2, ln 3 (softmax 1/6, 2/6, 3/6) and label 2 costs ln 2', () => {
    const { loss, grad } = ce(tensor([3, 1, 1], [0, Math.log(2), Math.log(3)]), 2);
    expect(loss).toBeCloseTo(Math.LN2, 15);
    expect(grad.shape).toEqual([3, 1, 1]);
    const [a = 0, b = 0, c = 0] = values(grad);
    expect(a).toBeCloseTo(1 / 6, 15);
    expect(b).toBeCloseTo(2 / 6, 15);
    expect(c).toBeCloseTo(3 / 6 - 1, 15);
  });

  it('stays finite for large logits', () => {
    expect(ce(tensor([2], [1000, 0]), 1).loss).toBe(1000);
    expect(ce(tensor([2], [1000, 0]), 0).loss).toBe(0);
  });

  it('needs an integer class label within the outputs', () => {
    expect(() => ce(tensor([3], [0, 0, 0]), 3)).toThrow('ce label must be an integer in 0..2');
    expect(() => ce(tensor([3], [0, 0, 0]), 0.5)).toThrow(RangeError);
  });

  it('matches central differences on a 2 x 1 x 3 output', () => {
    const output = randomTensor([2, 1, 3], 93);
    for (const label of [0, 4]) {
      expectGradientsMatch({
        params: { output: output.data },
        forward: () => ce(output, label).loss,
        backward: () => ({ output: ce(output, label).grad }),
      });
    }
  });
});
