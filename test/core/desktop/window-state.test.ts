import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASCADE_STEP,
  DEFAULT_WINDOW_STATE,
  parseWindowState,
  placeWindow,
  WindowStateStore,
  zoomed,
  type WindowState,
} from '../../../src-main/window-state';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convsheet-window-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const projector = { x: 1440, y: 0, width: 1920, height: 1050 };
const state = (bounds: WindowState['bounds'], extra: Partial<WindowState> = {}): WindowState => ({
  ...DEFAULT_WINDOW_STATE,
  bounds,
  ...extra,
});

describe('window placement', () => {
  it('reopens where it was on a screen that is still there', () => {
    expect(placeWindow(state({ x: 1600, y: 40, width: 1200, height: 800 }), [laptop, projector])).toEqual({
      x: 1600,
      y: 40,
      width: 1200,
      height: 800,
    });
  });

  it('drops a position on a screen no longer connected (the projector was unplugged): Electron centres it', () => {
    expect(placeWindow(state({ x: 1600, y: 40, width: 1800, height: 1000 }), [laptop])).toEqual({
      width: 1440,
      height: 875,
    });
  });

  it('shifts each further window so that none hides another exactly, within its screen', () => {
    const s = state({ x: 100, y: 100, width: 800, height: 600 });
    expect(placeWindow(s, [laptop], 2)).toEqual({
      x: 100 + 2 * CASCADE_STEP,
      y: 100 + 2 * CASCADE_STEP,
      width: 800,
      height: 600,
    });
    // Near the screen's right edge the shifted title bar would leave the screen: the window stays put.
    const edge = state({ x: 1380, y: 100, width: 800, height: 600 });
    expect(placeWindow(edge, [laptop], 5)).toMatchObject({ x: 1380, y: 100 });
  });

  it('never opens smaller than the minimum, even on a tiny screen', () => {
    expect(
      placeWindow(state({ width: 1400, height: 900 }), [{ x: 0, y: 0, width: 600, height: 400 }]),
    ).toEqual({
      width: 640,
      height: 420,
    });
  });
});

describe('remembered state', () => {
  it('falls back to defaults for anything missing or nonsensical', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ format: 'other', bounds: { width: 900, height: 700 } })).toEqual(
      DEFAULT_WINDOW_STATE,
    );
    expect(
      parseWindowState({
        format: 'convsheet-window-state',
        bounds: { x: 'a', y: 2, width: 10, height: 2000 },
        zoomFactor: 40,
      }),
    ).toEqual({ bounds: { width: 640, height: 2000 }, maximized: false, zoomFactor: 1 });
  });

  it('is written on change and read back by the next start', async () => {
    const file = join(dir, 'window-state.json');
    const store = new WindowStateStore(file);
    await store.load();
    await store.update({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    await store.update({ zoomFactor: 1.25 });
    const next = new WindowStateStore(file);
    expect(await next.load()).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
      zoomFactor: 1.25,
    });
  });

  it('starts from defaults when the file is damaged', async () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"format": "convsheet-window-state", "bounds": {');
    expect(await new WindowStateStore(file).load()).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('zoom', () => {
  it("steps through Chromium's zoom levels and stops at the ends", () => {
    expect(zoomed(1, 'in')).toBe(1.1);
    expect(zoomed(1, 'out')).toBe(0.9);
    expect(zoomed(1.1, 'out')).toBe(1);
    expect(zoomed(3, 'in')).toBe(3);
    expect(zoomed(0.5, 'out')).toBe(0.5);
    expect(zoomed(1.3, 'in')).toBe(1.5);
    expect(zoomed(2.5, 'reset')).toBe(1);
  });
});
