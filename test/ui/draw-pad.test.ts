import { afterEach, describe, expect, it } from 'vitest';
import type { CsDrawPad, DrawChangeDetail } from '../../src-renderer/learn/draw-pad';
import '../../src-renderer/learn/draw-pad';

// The drawing pad in Chromium, drawn on with pointer events at client coordinates worked out from the
// canvas's box. The numbers follow from the brush (draw-pad-brush.ts): on a 28 x 28 pad its radius is 2
// cells and its ink 1 - (d / 2)^2 at d cells from the stroke: 1 on it, 0.75 one row away, 0 two away.

afterEach(() => {
  document.body.replaceChildren();
});

async function mount(props: Partial<Pick<CsDrawPad, 'height' | 'width' | 'channels'>> = {}) {
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:20px;top:20px;background:#f4f4f4;padding:8px';
  const pad = document.createElement('cs-draw-pad');
  Object.assign(pad, props);
  holder.append(pad);
  document.body.append(holder);
  await pad.updateComplete;
  const changes: DrawChangeDetail[] = [];
  pad.addEventListener('draw-change', (e) => changes.push(e.detail));
  return { pad, changes };
}

function shadow(pad: CsDrawPad): ShadowRoot {
  if (pad.shadowRoot === null) throw new Error('no shadow root');
  return pad.shadowRoot;
}

function canvasOf(pad: CsDrawPad): HTMLCanvasElement {
  const c = shadow(pad).querySelector('canvas');
  if (c === null) throw new Error('no canvas');
  return c;
}

function button(pad: CsDrawPad, text: string): HTMLButtonElement {
  const b = [...shadow(pad).querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (b === undefined) throw new Error(`no button "${text}"`);
  return b;
}

type Point = readonly [x: number, y: number];

/**
 * One stroke through `points` given in cells (x across, y down; the centre of cell (i, j) is
 * (j + 0.5, i + 0.5)): pointerdown at the first, a pointermove at each of the others, pointerup.
 */
function stroke(pad: CsDrawPad, points: readonly Point[], init: PointerEventInit = {}): void {
  const canvas = canvasOf(pad);
  const rect = canvas.getBoundingClientRect();
  const client = ([x, y]: Point) => ({
    clientX: rect.left + (x / pad.width) * rect.width,
    clientY: rect.top + (y / pad.height) * rect.height,
  });
  const send = (type: string, p: Point, button: number, buttons: number) => {
    const e = new PointerEvent(type, {
      pointerId: 7,
      pointerType: 'mouse',
      isPrimary: true,
      bubbles: true,
      cancelable: true,
      composed: true,
      button,
      buttons,
      ...client(p),
      ...init,
    });
    canvas.dispatchEvent(e);
  };
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return;
  const pressed = init.button ?? 0;
  send('pointerdown', first, pressed, pressed === 2 ? 2 : 1);
  for (const p of points.slice(1)) send('pointermove', p, -1, pressed === 2 ? 2 : 1);
  send('pointerup', last, pressed, 0);
}

/** Cell centres of row `row` from column `from` to column `to`. */
function across(row: number, from: number, to: number): Point[] {
  return Array.from({ length: to - from + 1 }, (_, k) => [from + k + 0.5, row + 0.5] as const);
}

function at(values: Float64Array, width: number, i: number, j: number): number {
  return values[i * width + j] ?? NaN;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

describe('drawing on the pad', () => {
  it('draws a soft line: 1 on its row, 0.75 a row away, 0 two rows away and at the top', async () => {
    const { pad, changes } = await mount();
    expect(pad.empty).toBe(true);
    const rect = canvasOf(pad).getBoundingClientRect();
    expect([rect.width, rect.height]).toEqual([196, 196]);
    stroke(pad, across(14, 3, 24));
    const v = pad.values();
    expect(v.length).toBe(28 * 28);
    for (let j = 3; j <= 24; j++) {
      expect(at(v, 28, 14, j)).toBeCloseTo(1, 9);
      expect(at(v, 28, 13, j)).toBeCloseTo(0.75, 9);
      expect(at(v, 28, 15, j)).toBeCloseTo(0.75, 9);
      expect(at(v, 28, 12, j)).toBeLessThan(1e-9);
      expect(at(v, 28, 16, j)).toBeLessThan(1e-9);
    }
    // One cell past either end of the line: 0.75; two: 0.
    expect(at(v, 28, 14, 2)).toBeCloseTo(0.75, 9);
    expect(at(v, 28, 14, 25)).toBeCloseTo(0.75, 9);
    expect(at(v, 28, 14, 1)).toBeLessThan(1e-9);
    for (let j = 0; j < 28; j++) expect(at(v, 28, 0, j)).toBe(0);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
    expect(pad.empty).toBe(false);
    // One change, when the stroke ended, with what values() gives.
    expect(changes.length).toBe(1);
    expect(changes[0]?.shape).toEqual([1, 28, 28]);
    expect(changes[0]?.values).toEqual(v);
  });

  it('has a soft edge off the cell centres: a line at y = 14.75 gives 0.609375 on the row above', async () => {
    const { pad } = await mount();
    stroke(pad, [
      [3, 14.75],
      [25, 14.75],
    ]);
    const v = pad.values();
    // The centres of rows 13..16 (y = 13.5 .. 16.5) are 1.25, 0.25, 0.75 and 1.75 cells from the line,
    // row 12's 2.25: 1 - (d / 2)^2.
    expect(at(v, 28, 13, 14)).toBeCloseTo(0.609375, 9);
    expect(at(v, 28, 14, 14)).toBeCloseTo(0.984375, 9);
    expect(at(v, 28, 15, 14)).toBeCloseTo(0.859375, 9);
    expect(at(v, 28, 16, 14)).toBeCloseTo(0.234375, 9);
    expect(at(v, 28, 12, 14)).toBe(0);
  });

  it('leaves no gap in a fast stroke: two pointermoves 11 cells apart', async () => {
    const { pad } = await mount();
    stroke(pad, [
      [2.5, 14.5],
      [13.5, 14.5],
      [25.5, 14.5],
    ]);
    const v = pad.values();
    for (let j = 2; j <= 25; j++) expect(at(v, 28, 14, j)).toBeGreaterThan(0.9);
  });

  it('erases with Shift, with the right button and with the Erase toggle', async () => {
    const { pad, changes } = await mount();
    const line = across(14, 3, 24);
    stroke(pad, line);
    stroke(pad, line, { shiftKey: true });
    expect(pad.empty).toBe(true);
    expect(Math.max(...pad.values())).toBe(0);
    expect(changes.length).toBe(2);

    stroke(pad, line);
    stroke(pad, line, { button: 2 });
    expect(pad.empty).toBe(true);

    stroke(pad, line);
    const erase = button(pad, 'Erase');
    erase.click();
    await pad.updateComplete;
    expect(erase.getAttribute('aria-pressed')).toBe('true');
    stroke(pad, across(14, 3, 12));
    const v = pad.values();
    // Erased within 2 cells of columns 3..12, faded out by column 16, untouched from 17 on.
    expect(at(v, 28, 14, 14)).toBe(0);
    expect(at(v, 28, 14, 15)).toBeCloseTo(0.25, 9);
    expect(at(v, 28, 14, 20)).toBeCloseTo(1, 9);
    erase.click();
    await pad.updateComplete;
    expect(erase.getAttribute('aria-pressed')).toBe('false');
  });

  it('clears with the Clear button and with Escape, firing draw-change; clear() is silent', async () => {
    const { pad, changes } = await mount();
    const clear = button(pad, 'Clear');
    await pad.updateComplete;
    expect(clear.disabled).toBe(true);
    stroke(pad, across(14, 3, 24));
    await pad.updateComplete;
    expect(clear.disabled).toBe(false);
    clear.click();
    expect(pad.empty).toBe(true);
    expect(Math.max(...pad.values())).toBe(0);
    expect(changes.length).toBe(2);
    expect(Math.max(...(changes[1]?.values ?? [1]))).toBe(0);
    await pad.updateComplete;
    expect(clear.disabled).toBe(true);

    stroke(pad, across(14, 3, 24));
    button(pad, 'Erase').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    expect(pad.empty).toBe(true);
    expect(changes.length).toBe(4);

    stroke(pad, across(14, 3, 24));
    pad.clear();
    expect(pad.empty).toBe(true);
    expect(changes.length).toBe(5);
  });

  it('clears when the size changes, and sizes the canvas to 7 pixels a cell', async () => {
    const { pad } = await mount();
    stroke(pad, across(14, 3, 24));
    pad.width = 20;
    await pad.updateComplete;
    expect(pad.empty).toBe(true);
    expect(pad.values().length).toBe(28 * 20);
    expect(pad.shape).toEqual([1, 28, 20]);
    const canvas = canvasOf(pad);
    expect(canvas.getAttribute('aria-label')).toBe('drawing pad, 28 by 20 cells, empty');
    const rect = canvas.getBoundingClientRect();
    expect([rect.width, rect.height]).toEqual([140, 196]);
    // A 10 x 10 pad: 19 pixels a cell, and a brush of radius 1: the line's neighbours stay 0.
    pad.width = 10;
    pad.height = 10;
    await pad.updateComplete;
    stroke(pad, across(5, 1, 8));
    const v = pad.values();
    expect(at(v, 10, 5, 5)).toBe(1);
    expect(at(v, 10, 4, 5)).toBe(0);
    expect(canvas.getBoundingClientRect().width).toBe(190);
  });

  it('gives every channel the same values', async () => {
    const { pad, changes } = await mount({ channels: 3 });
    stroke(pad, across(14, 3, 24));
    const v = pad.values();
    expect(v.length).toBe(3 * 28 * 28);
    const n = 28 * 28;
    expect(v.subarray(n, 2 * n)).toEqual(v.subarray(0, n));
    expect(v.subarray(2 * n)).toEqual(v.subarray(0, n));
    expect(at(v, 28, 14, 10)).toBeCloseTo(1, 9);
    expect(changes[0]?.shape).toEqual([3, 28, 28]);
  });

  it('paints ink in the gallery colours: white where empty, red at 1', async () => {
    const { pad } = await mount();
    stroke(pad, across(14, 3, 24));
    await nextFrame();
    await nextFrame();
    const canvas = canvasOf(pad);
    const scale = canvas.width / 196;
    const pixel = (i: number, j: number) => [
      ...(canvas
        .getContext('2d')
        ?.getImageData(Math.floor((j + 0.5) * 7 * scale), Math.floor((i + 0.5) * 7 * scale), 1, 1).data ??
        []),
    ];
    expect(pixel(0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(14, 14)).toEqual([230, 60, 50, 255]);
  });

  it('ignores pointers while disabled, and has an accessible name', async () => {
    const { pad, changes } = await mount();
    const canvas = canvasOf(pad);
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe('drawing pad, 28 by 28 cells, empty');
    pad.disabled = true;
    await pad.updateComplete;
    stroke(pad, across(14, 3, 24));
    expect(pad.empty).toBe(true);
    expect(changes.length).toBe(0);
    expect(button(pad, 'Erase').disabled).toBe(true);
  });

  it('shows the page’s own controls in its slot, after the buttons', async () => {
    const { pad } = await mount();
    const add = document.createElement('button');
    add.textContent = 'Add as 7';
    pad.append(add);
    const slot = shadow(pad).querySelector('slot');
    expect(slot?.assignedElements()).toEqual([add]);
    const clear = button(pad, 'Clear').getBoundingClientRect();
    expect(add.getBoundingClientRect().left).toBeGreaterThan(clear.right);
  });
});
