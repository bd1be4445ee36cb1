import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { setValues } from '../../src-core/sheet/edit';
import { changeLayer } from '../../src-core/sheet/edit-settings';
import { Session } from '../../src-renderer/session';

describe('the session: edits, recompute stamps and undo', () => {
  it('an edit to conv2 restamps conv2 and everything after it, and keeps the outputs before', () => {
    const s = new Session(firstRunWorkbook());
    const before = [...s.stamps];
    const conv1 = s.evaluation.outputs[0];
    expect(
      s.apply(setValues(s.workbook, { kind: 'bias', layer: 2 }, [{ index: 0, value: 1 }]), false),
    ).toBeNull();
    expect(s.stamps.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(s.stamps.slice(2).every((t, i) => t !== before[i + 2])).toBe(true);
    expect(s.evaluation.outputs[0]).toBe(conv1);
    expect(s.structure).toBe(0);
  });

  it('a refused setting changes nothing and returns the errors', () => {
    const s = new Session(firstRunWorkbook());
    const workbook = s.workbook;
    const errors = s.apply(changeLayer(s.workbook, 0, { stride: 0 }), true);
    expect(errors?.[0]?.path).toBe('layers[0].stride');
    expect(s.workbook).toBe(workbook);
    expect(s.history.past).toHaveLength(0);
  });

  it('undo and redo bring back the workbook and its numbers', () => {
    const s = new Session(firstRunWorkbook());
    const value = s.evaluation.outputs[0]?.data[5 * 26 + 10];
    s.apply(setValues(s.workbook, { kind: 'weight', layer: 0 }, [{ index: 7, value: 2 }]), false);
    const changed = s.evaluation.outputs[0]?.data[5 * 26 + 10];
    expect(changed).not.toBe(value);
    expect(s.undo()).toBe('conv1 weight: 1 cell');
    expect(s.evaluation.outputs[0]?.data[5 * 26 + 10]).toBe(value);
    expect(s.redo()).toBe('conv1 weight: 1 cell');
    expect(s.evaluation.outputs[0]?.data[5 * 26 + 10]).toBe(changed);
    expect(s.redo()).toBeNull();
  });
});
