import { describe, expect, it } from 'vitest';
import { withNewInput } from '../../../src-core/io/input-fit';
import { tensor } from '../../../src-core/tensor';
import { workbookOf } from './xlsx-workbooks';

const conv = { type: 'conv2d', weight: { shape: [1, 1, 3, 3], data: new Array<number>(9).fill(1) } };
const convOnly = workbookOf({
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 4, 4], data: new Array<number>(16).fill(0) },
  layers: [conv],
});
const withDense = workbookOf({
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 4, 4], data: new Array<number>(16).fill(0) },
  layers: [conv, { type: 'dense', weight: { shape: [1, 4], data: [1, 1, 1, 1] } }],
});

describe('withNewInput', () => {
  it('a network of convolutions takes an input of another size: 1 x 6 x 5 gives maps of 4 x 3', () => {
    const r = withNewInput(convOnly, tensor([1, 6, 5]));
    expect(r.ok && r.value.layers[0]?.outputShape).toEqual([1, 4, 3]);
    expect(convOnly.input.shape).toEqual([1, 4, 4]); // unchanged
  });

  it('a dense layer fixes the size: the message names the rule and the size that fits', () => {
    const r = withNewInput(withDense, tensor([1, 5, 5]));
    expect(r.ok ? '' : r.errors[0]?.message).toBe(
      'this input (1 x 5 x 5) does not fit the workbook, whose input is 1 x 4 x 4: layers[1] (fc1): fc1 ' +
        'expects 4 inputs (weight shape 1 x 4) but 9 values reach it (conv1 gives 1 x 3 x 3, flattened 9); ' +
        'resize it to 4 x 4',
    );
  });

  it('three channels into a one-channel conv suggests reading the image as gray', () => {
    const r = withNewInput(convOnly, tensor([3, 4, 4]));
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(
      /^this input \(3 x 4 x 4\) does not fit .*; it has 3 channels, the workbook's input 1 \(an image read as gray has 1 channel\)$/,
    );
  });
});
