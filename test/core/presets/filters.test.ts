import { describe, expect, it } from 'vitest';
import { FILTER_PRESETS, filterPreset, presetOf } from '../../../src-core/presets/filters';

describe('filter presets', () => {
  it('lists every filter of the course, each 3 x 3 and distinct', () => {
    expect(FILTER_PRESETS.map((p) => p.id)).toEqual([
      'fastai-top-edge',
      'fastai-left-edge',
      'identity',
      'box-blur',
      'gaussian',
      'sharpen',
      'outline',
      'emboss',
      'sobel-top',
      'sobel-bottom',
      'sobel-left',
      'sobel-right',
      'prewitt-x',
      'prewitt-y',
    ]);
    for (const p of FILTER_PRESETS) expect(p.values).toHaveLength(9);
    const keys = FILTER_PRESETS.map((p) => p.values.join(','));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('blurs sum to 1 (brightness kept); edge and outline filters sum to 0 (flat areas give 0)', () => {
    const sum = (id: string) => (filterPreset(id)?.values ?? []).reduce((a, b) => a + b, 0);
    expect(sum('box-blur')).toBeCloseTo(1, 15);
    expect(sum('gaussian')).toBe(1);
    expect(sum('identity')).toBe(1);
    expect(sum('sharpen')).toBe(1);
    for (const id of ['outline', 'sobel-top', 'sobel-left', 'prewitt-x', 'fastai-top-edge'])
      expect(sum(id)).toBe(0);
  });

  it('recognises a preset by its values, and a changed number makes it custom', () => {
    expect(presetOf([1, 1, 1, 0, 0, 0, -1, -1, -1], 3, 3)?.name).toBe('fast.ai top edge');
    expect(presetOf([1, 1, 1, 0, 0.04760062754793093, 0, -1, -1, -1], 3, 3)).toBeNull();
    expect(presetOf([1, 2, 1, 0, 0, 0, -1, -2, -1], 3, 3)?.id).toBe('sobel-top');
    expect(presetOf([1, 2, 1, 0, 0, 0, -1, -2, -1.5], 3, 3)).toBeNull();
    expect(presetOf([0, 0, 0, 0, 1, 0, 0, 0, 0, 0], 2, 5)).toBeNull();
  });
});
