import { formatCellNumber } from '../../src-core/io/number-text';
import { afterEach, describe, expect, it } from 'vitest';
import { colourLevel, colourTable } from '../../src-renderer/colour';
import type { CsGrid, Viewport } from '../../src-renderer/grid';
import { idleDrawingDone } from '../../src-renderer/grid-draw';
import '../../src-renderer/grid';

// How heatmaps draw for speed (issue 8): colours written a pixel at a time, numbers canvases moved by
// copying their pixels while the sheet scrolls, grids off screen painted when they come into view. Each
// shortcut must draw exactly what drawing everything afresh draws.

/** A scroller of the given size holding `grids` (rows x cols each, in cells of the sheet at 100 %) stacked. */
async function mountScroller(
  width: number,
  height: number,
  grids: { values: Float64Array; rows: number; cols: number }[],
): Promise<{ scroller: HTMLElement; grids: CsGrid[] }> {
  const scroller = document.createElement('div');
  scroller.style.cssText = `overflow:auto;width:${width}px;height:${height}px;position:relative`;
  document.body.append(scroller);
  const made = grids.map((g, i) => {
    const grid = document.createElement('cs-grid');
    Object.assign(grid, {
      ...g,
      label: `map ${i + 1}`,
      // The sheet's cells at 100 %: "-0.35" fits, so no number is squeezed (resampled) into its cell.
      cellWidth: 42,
      cellHeight: 19,
      fontSize: 11,
      limit: 1,
    });
    grid.style.display = 'block';
    scroller.append(grid);
    return grid;
  });
  await Promise.all(made.map((g) => g.updateComplete));
  return { scroller, grids: made };
}

/** What the sheet does on a scroll: a new viewport object for every heatmap. */
async function showViewport(scroller: HTMLElement, grids: CsGrid[]): Promise<void> {
  const r = scroller.getBoundingClientRect();
  const viewport: Viewport = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  for (const g of grids) g.viewport = { ...viewport };
  await Promise.all(grids.map((g) => g.updateComplete));
}

function canvasOf(grid: CsGrid, name: 'heat' | 'overlay'): HTMLCanvasElement {
  const c = grid.shadowRoot?.querySelector<HTMLCanvasElement>(`canvas.${name}`);
  if (!c) throw new Error(`no ${name} canvas`);
  return c;
}

function pixels(canvas: HTMLCanvasElement): Uint8ClampedArray {
  return (
    canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray()
  );
}

/** How many bytes differ (toEqual on millions of bytes takes seconds). */
function differing(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The colours a heatmap of `values` must show at `limit`: the colour table's, purple where not finite. */
function expectedColours(values: ArrayLike<number>, limit: number): Uint8ClampedArray {
  const bytes = colourTable('diverging').bytes;
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const level = colourLevel(values[i] ?? 0, limit);
    out.set(level < 0 ? [120, 0, 120, 255] : bytes.subarray(level * 4, level * 4 + 4), i * 4);
  }
  return out;
}

function waves(rows: number, cols: number, phase: number): Float64Array {
  return Float64Array.from(
    { length: rows * cols },
    (_, i) => Math.round(Math.sin(i * 0.37 + phase) * 100) / 100,
  );
}

afterEach(() => document.body.replaceChildren());

describe('heatmap drawing in Chromium', () => {
  it('paints a pixel per cell in the colour table, purple where a value is not finite', async () => {
    const values = waves(40, 40, 0).map((v) => v * 3);
    values.set([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1, -1, 0.5, -0.5039]);
    const { grids } = await mountScroller(400, 300, [{ values, rows: 40, cols: 40 }]);
    const grid = grids[0] as CsGrid;
    expect(pixels(canvasOf(grid, 'heat'))).toEqual(expectedColours(values, 1));
    grid.limit = 0;
    await grid.updateComplete;
    expect(pixels(canvasOf(grid, 'heat'))).toEqual(expectedColours(values, 0));
  });

  it('draws the numbers after a scroll exactly as a fresh drawing at the same place', async () => {
    const values = waves(120, 60, 1);
    const scrolled = await mountScroller(500, 300, [{ values, rows: 120, cols: 60 }]);
    await showViewport(scrolled.scroller, scrolled.grids);
    // Steps of a wheel and a drag, some crossing the canvas's edge, some not, some back.
    for (const [dx, dy] of [
      [30, 17],
      [130, 90],
      [-45, 300],
      [7, 7],
      [400, -120],
      [-3, 260],
    ]) {
      scrolled.scroller.scrollBy(dx ?? 0, dy ?? 0);
      await showViewport(scrolled.scroller, scrolled.grids);
    }
    const fresh = await mountScroller(500, 300, [{ values, rows: 120, cols: 60 }]);
    fresh.scroller.scrollTo(scrolled.scroller.scrollLeft, scrolled.scroller.scrollTop);
    await showViewport(fresh.scroller, fresh.grids);
    // The margin around the part on screen is drawn in idle time, by both.
    await idleDrawingDone();
    const a = canvasOf(scrolled.grids[0] as CsGrid, 'overlay');
    const b = canvasOf(fresh.grids[0] as CsGrid, 'overlay');
    expect(a.style.display).toBe('');
    expect([a.style.left, a.style.top, a.width, a.height]).toEqual([
      b.style.left,
      b.style.top,
      b.width,
      b.height,
    ]);
    expect(differing(pixels(a), pixels(b))).toBe(0);
  });

  it('after a zoom, draws the numbers on screen at once and the rest when idle, as a fresh drawing', async () => {
    const values = waves(120, 60, 3);
    // Mounted at the sheet's 100 %, then its cell sizes at 125 %, 80 % and 150 % (view.ts cellSize).
    const size = { cellWidth: 62, cellHeight: 29, fontSize: 16.5 };
    const zooms = [
      { cellWidth: 52, cellHeight: 24, fontSize: 13.8 },
      { cellWidth: 33, cellHeight: 15, fontSize: 8.8 },
      size,
    ];
    const zoomed = await mountScroller(500, 300, [{ values, rows: 120, cols: 60 }]);
    zoomed.scroller.scrollTo(230, 310);
    await showViewport(zoomed.scroller, zoomed.grids);
    const grid = zoomed.grids[0] as CsGrid;
    for (const zoom of zooms) {
      // Notches in a row, each before the previous one's margin was drawn.
      Object.assign(grid, zoom);
      await grid.updateComplete;
    }
    const fresh = await mountScroller(500, 300, [{ values, rows: 120, cols: 60 }]);
    Object.assign(fresh.grids[0] as CsGrid, size);
    fresh.scroller.scrollTo(230, 310);
    await showViewport(fresh.scroller, fresh.grids);
    const a = canvasOf(grid, 'overlay');
    const b = canvasOf(fresh.grids[0] as CsGrid, 'overlay');
    expect([a.style.left, a.style.top, a.width, a.height]).toEqual([
      b.style.left,
      b.style.top,
      b.width,
      b.height,
    ]);
    // What is on screen is drawn in the update itself: its pixels are a fresh drawing's already.
    const onScreen = (canvas: HTMLCanvasElement, scroller: HTMLElement): Uint8ClampedArray => {
      const c = canvas.getBoundingClientRect();
      const s = scroller.getBoundingClientRect();
      const dpr = devicePixelRatio;
      const left = Math.max(c.left, s.left);
      const top = Math.max(c.top, s.top);
      const x = Math.round((left - c.left) * dpr);
      const y = Math.round((top - c.top) * dpr);
      const w = Math.round((Math.min(c.right, s.right) - left) * dpr);
      const h = Math.round((Math.min(c.bottom, s.bottom) - top) * dpr);
      expect(w * h).toBeGreaterThan(0);
      return canvas.getContext('2d')?.getImageData(x, y, w, h).data ?? new Uint8ClampedArray();
    };
    const shown = onScreen(a, zoomed.scroller);
    expect(shown.some((v) => v !== 0)).toBe(true);
    expect(differing(shown, onScreen(b, fresh.scroller))).toBe(0);
    // The canvas reaches at least 128 px below the screen: its last two rows of cells wait for idle time.
    const bottom = () => {
      const h = Math.round(2 * size.cellHeight * devicePixelRatio);
      return a.getContext('2d')?.getImageData(0, a.height - h, a.width, h).data ?? new Uint8ClampedArray();
    };
    expect(bottom().some((v) => v !== 0)).toBe(false);
    await idleDrawingDone();
    expect(bottom().some((v) => v !== 0)).toBe(true);
    expect(differing(pixels(a), pixels(b))).toBe(0);
  });

  it('paints a map changed while off screen when it comes into view, with its latest values', async () => {
    const { scroller, grids } = await mountScroller(500, 300, [
      { values: waves(40, 40, 0), rows: 40, cols: 40 },
      { values: waves(40, 40, 0), rows: 40, cols: 40 },
    ]);
    await showViewport(scroller, grids);
    const below = grids[1] as CsGrid;
    const latest = waves(40, 40, 2);
    below.values = waves(40, 40, 1);
    await below.updateComplete;
    below.values = latest;
    await below.updateComplete;
    scroller.scrollTo(0, 40 * 19 + 10);
    await showViewport(scroller, grids);
    await expect.poll(() => pixels(canvasOf(below, 'heat'))).toEqual(expectedColours(latest, 1));
  });

  it('names the cells of a small grid on screen at once, and those of one off screen in idle time', async () => {
    // Two 20 x 20 grids (small: a gridcell each) in a scroller that shows the first; the second is
    // pushed 2,000 px down, beyond the observer's margin.
    const { scroller, grids } = await mountScroller(500, 300, [
      { values: waves(20, 20, 0), rows: 20, cols: 20 },
      { values: waves(20, 20, 0), rows: 20, cols: 20 },
    ]);
    (grids[1] as CsGrid).style.marginTop = '2000px';
    const names = (g: CsGrid): string[] =>
      [...(g.shadowRoot?.querySelectorAll('[role="gridcell"]') ?? [])].map(
        (c) => c.getAttribute('aria-label') ?? '',
      );
    const texts = (v: Float64Array): string[] => [...v].map((x) => formatCellNumber(x, 2));
    const [shown, away] = grids as [CsGrid, CsGrid];
    // Wait until the observer has seen where both are.
    await new Promise((r) => setTimeout(r, 200));
    const next = waves(20, 20, 3);
    shown.values = next;
    away.values = next;
    await Promise.all([shown.updateComplete, away.updateComplete]);
    expect(names(shown)).toEqual(texts(next));
    expect(names(away)).not.toEqual(texts(next));
    await expect.poll(() => names(away), { timeout: 3000 }).toEqual(texts(next));
    expect(scroller.scrollTop).toBe(0);
  });
});
