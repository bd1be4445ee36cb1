import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CsApp } from '../../src-renderer/app';
import type { CsGrid } from '../../src-renderer/grid';
import '../../src-renderer/app';

async function mountApp(): Promise<CsApp> {
  const app = document.createElement('cs-app');
  document.body.append(app);
  await app.updateComplete;
  await app.shadowRoot?.querySelector('cs-sheet')?.updateComplete;
  return app;
}

function gridNamed(app: CsApp, label: string): CsGrid {
  const sheet = app.shadowRoot?.querySelector('cs-sheet');
  const g = [...(sheet?.shadowRoot?.querySelectorAll('cs-grid') ?? [])].find((x) => x.label === label);
  if (g === undefined) throw new Error(`no grid ${label}`);
  return g;
}

function surface(g: CsGrid): HTMLElement {
  const s = g.shadowRoot?.querySelector<HTMLElement>('[role="grid"]');
  if (!s) throw new Error('no grid surface');
  return s;
}

async function settle(app: CsApp): Promise<void> {
  await app.updateComplete;
  const sheet = app.shadowRoot?.querySelector('cs-sheet');
  await sheet?.updateComplete;
  await Promise.all([...(sheet?.shadowRoot?.querySelectorAll('cs-grid') ?? [])].map((g) => g.updateComplete));
}

function button(app: CsApp, name: string): HTMLButtonElement {
  const b = app.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  if (!b) throw new Error(`no button ${name}`);
  return b;
}

afterEach(() => document.body.replaceChildren());

describe('the sheet in Chromium', () => {
  it('zoomed out the maps are pictures of square cells; zoomed in their numbers appear', async () => {
    const app = await mountApp();
    const map = gridNamed(app, 'relu1 map 1');
    const overlay = () => map.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.overlay');
    expect(surface(map).getBoundingClientRect().width).toBe(26 * 10);
    expect(surface(map).getBoundingClientRect().height).toBe(26 * 10);
    expect(overlay()?.style.display).toBe('none');
    for (let i = 0; i < 3; i++) await userEvent.click(button(app, 'zoom in'));
    await settle(app);
    expect(app.shadowRoot?.querySelector('.zoom')?.textContent).toBe('100%');
    expect(surface(map).getBoundingClientRect().width).toBe(26 * 42);
    // At 100 % the map is two screens to the right: grids off screen draw their numbers when they come
    // near the view (an IntersectionObserver tells them, a frame or more later).
    map.scrollIntoView();
    await expect.poll(() => overlay()?.style.display).toBe('');
    // The numbers are drawn at the screen's pixel density over the whole grid.
    expect(overlay()?.width).toBe(26 * 42 * devicePixelRatio);
  });

  it('works from the keyboard: type into a filter, Enter, then Ctrl+Z undoes it', async () => {
    const app = await mountApp();
    const filter = gridNamed(app, 'conv1 filter 1');
    surface(filter).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(filter.selection?.focus).toEqual({ row: 0, col: 0 });
    await userEvent.keyboard('{ArrowDown}');
    expect(filter.selection?.focus).toEqual({ row: 1, col: 0 });
    await userEvent.keyboard('{ArrowRight}5{Enter}');
    await settle(app);
    const w = () => {
      const l = app.session.workbook.layers[0];
      return l?.type === 'conv2d' ? l.weight.data?.[4] : undefined;
    };
    expect(w()).toBe(5);
    expect(surface(filter).querySelector('#c1_1')?.getAttribute('aria-label')).toBe('5.00');
    await userEvent.keyboard('{Control>}z{/Control}');
    await settle(app);
    expect(w()).toBe(0);
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await settle(app);
    expect(w()).toBe(5);
  });

  it('a 64 x 64 sample is drawn as heatmaps: one canvas pixel per cell, one gridcell for the active cell', async () => {
    const app = await mountApp();
    const select = app.shadowRoot?.querySelector<HTMLSelectElement>(
      'select[aria-label="open a sample workbook"]',
    );
    if (!select) throw new Error('no sample menu');
    await userEvent.selectOptions(select, 'picture');
    await settle(app);
    const input = gridNamed(app, 'Input');
    const heat = input.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.heat');
    expect([heat?.width, heat?.height]).toEqual([64, 64]);
    expect(input.shadowRoot?.querySelectorAll('[role="gridcell"]')).toHaveLength(0);
    await userEvent.click(surface(input), { position: { x: 5, y: 5 } });
    await settle(app);
    expect(input.shadowRoot?.querySelectorAll('[role="gridcell"]')).toHaveLength(1);
  });
});
