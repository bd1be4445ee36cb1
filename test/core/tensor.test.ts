import { describe, expect, it } from 'vitest';
import { formatShape, sizeOf, tensor } from '../../src-core/tensor';

describe('tensor', () => {
  it('counts the values of a C x H x W shape', () => {
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(formatShape([2, 3, 4])).toBe('2 x 3 x 4');
  });

  it('refuses data that does not fill its shape', () => {
    expect(() => tensor([2, 2], [1, 2, 3])).toThrow('shape 2 x 2 holds 4 values, got 3');
  });
});
