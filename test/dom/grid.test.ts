import { afterEach, describe, expect, it } from 'vitest';
import type { CellEditDetail, CellSelectDetail, CsGrid } from '../../src-renderer/grid';
import { single } from '../../src-renderer/grid-selection';
import { colourLevel, colourTable } from '../../src-renderer/colour';
import '../../src-renderer/grid';

async function mountGrid(values: number[], rows: number, cols: number, editable = true): Promise<CsGrid> {
  const grid = document.createElement('cs-grid');
  grid.values = values;
  grid.rows = rows;
  grid.cols = cols;
  grid.label = 'conv1 filter 1';
  grid.editable = editable;
  document.body.append(grid);
  await grid.updateComplete;
  return grid;
}

function surface(grid: CsGrid): HTMLElement {
  const t = grid.shadowRoot?.querySelector<HTMLElement>('[role="grid"]');
  if (!t) throw new Error('no grid rendered');
  return t;
}

function cells(grid: CsGrid): HTMLElement[] {
  return [...(grid.shadowRoot?.querySelectorAll<HTMLElement>('[role="gridcell"]') ?? [])];
}

function key(target: EventTarget, k: string, extra: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...extra }));
}

function edits(grid: CsGrid): CellEditDetail[] {
  const seen: CellEditDetail[] = [];
  grid.addEventListener('cell-edit', (e) => seen.push((e as CustomEvent<CellEditDetail>).detail));
  return seen;
}

async function typeInto(grid: CsGrid, text: string): Promise<HTMLInputElement> {
  key(surface(grid), text[0] ?? '');
  await grid.updateComplete;
  const input = grid.shadowRoot?.querySelector('input');
  if (!input) throw new Error('typing did not open the editor');
  input.value = text;
  input.dispatchEvent(new Event('input'));
  return input;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('cs-grid', () => {
  it('is an accessible grid named after its caption, rows of gridcells showing each value', async () => {
    const grid = await mountGrid([1, 0, -1, 0.5, 0, -0.25], 2, 3);
    const g = surface(grid);
    expect(g.getAttribute('aria-label')).toBe('conv1 filter 1');
    expect(g.getAttribute('aria-rowcount')).toBe('2');
    expect(g.getAttribute('aria-colcount')).toBe('3');
    expect(grid.shadowRoot?.querySelectorAll('[role="row"]')).toHaveLength(2);
    expect(cells(grid).map((c) => c.getAttribute('aria-label'))).toEqual([
      '1.00',
      '0.00',
      '-1.00',
      '0.50',
      '0.00',
      '-0.25',
    ]);
  });

  it('colours by value on a zero-centred scale: red positive, white zero, blue negative', () => {
    const table = colourTable('diverging');
    const fill = (v: number, limit: number) => table.fills[colourLevel(v, limit)];
    expect([fill(1, 1), fill(0, 1), fill(-1, 1)]).toEqual([
      'rgb(178, 24, 43)',
      'rgb(255, 255, 255)',
      'rgb(33, 102, 172)',
    ]);
    // Past the limit the colour saturates; the text on a dark fill is white.
    expect(fill(5, 1)).toBe(fill(1, 1));
    expect(table.texts[colourLevel(1, 1)]).toBe('#ffffff');
    expect(table.texts[colourLevel(0.1, 1)]).toBe('#1a1a1a');
  });

  it('the fast.ai scale is white to red, negatives white', () => {
    const table = colourTable('fastai');
    expect([2, 1, -1].map((v) => table.fills[colourLevel(v, 1)])).toEqual([
      'rgb(230, 60, 50)',
      'rgb(230, 60, 50)',
      'rgb(255, 255, 255)',
    ]);
  });

  it('repaints only when given new values: the same array object is the same picture', async () => {
    const values = new Float64Array([1, 2]);
    const grid = await mountGrid([], 1, 2);
    grid.values = values;
    await grid.updateComplete;
    values[0] = 5;
    grid.values = values;
    await grid.updateComplete;
    expect(cells(grid)[0]?.getAttribute('aria-label')).toBe('1.00');
    grid.values = values.subarray(0);
    await grid.updateComplete;
    expect(cells(grid)[0]?.getAttribute('aria-label')).toBe('5.00');
  });

  it('zoomed out shows colours without numbers, but the cells keep their numbers as names', async () => {
    const grid = await mountGrid([1, 2], 1, 2);
    const overlay = grid.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.overlay');
    expect(overlay?.style.display).toBe('');
    grid.numbers = false;
    await grid.updateComplete;
    expect(overlay?.style.display).toBe('none');
    expect(cells(grid).map((c) => c.getAttribute('aria-label'))).toEqual(['1.00', '2.00']);
  });

  it('moves with the arrow keys, Shift extends a range, clamped to the grid', async () => {
    const grid = await mountGrid([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
    const seen: CellSelectDetail[] = [];
    grid.addEventListener('cell-select', (e) => seen.push((e as CustomEvent<CellSelectDetail>).detail));
    const g = surface(grid);
    key(g, 'ArrowRight');
    key(g, 'ArrowRight');
    key(g, 'ArrowDown', { shiftKey: true });
    key(g, 'ArrowDown', { shiftKey: true });
    key(g, 'ArrowDown', { shiftKey: true });
    // The first key selects the first cell; then the moves, the last one clamped at the bottom edge.
    expect(seen.map((s) => [s.row, s.col])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(seen.at(-1)?.range).toEqual({ row: 0, col: 1, rows: 3, cols: 1 });
    await grid.updateComplete;
    const selected = cells(grid).filter((c) => c.getAttribute('aria-selected') === 'true');
    expect(selected.map((c) => `${c.dataset.row},${c.dataset.col}`)).toEqual(['0,1', '1,1', '2,1']);
    expect(g.getAttribute('aria-activedescendant')).toBe('c2_1');
  });

  it('commits typed text as a number on Enter and moves down', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selection = single(0, 1);
    await grid.updateComplete;
    const seen = edits(grid);
    key(await typeInto(grid, '-0.5'), 'Enter');
    await grid.updateComplete;
    expect(seen).toEqual([{ changes: [{ row: 0, col: 1, index: 1, value: -0.5 }] }]);
    expect(grid.selection?.focus).toEqual({ row: 1, col: 1 });
  });

  it('Ctrl+Enter fills the selected range with the typed number', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selection = { anchor: { row: 0, col: 0 }, focus: { row: 1, col: 0 } };
    await grid.updateComplete;
    const seen = edits(grid);
    key(await typeInto(grid, '7'), 'Enter', { ctrlKey: true });
    expect(seen[0]?.changes.map((c) => `${c.index}=${c.value}`)).toEqual(['0=7', '2=7']);
  });

  it('refuses text that is not a number, says where, and emits no edit', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selection = single(1, 0);
    await grid.updateComplete;
    const seen = edits(grid);
    const errors: string[] = [];
    grid.addEventListener('cell-error', (e) =>
      errors.push((e as CustomEvent<{ message: string }>).detail.message),
    );
    key(await typeInto(grid, 'x'), 'Enter');
    await grid.updateComplete;
    expect(seen).toEqual([]);
    expect(errors).toEqual(['conv1 filter 1, row 2, column 1: "x" is not a number']);
    expect(grid.shadowRoot?.querySelector('input')).toBeNull();
  });

  it('Escape cancels an edit; Delete sets the whole range to 0', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selection = { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 1 } };
    await grid.updateComplete;
    const seen = edits(grid);
    key(await typeInto(grid, '9'), 'Escape');
    await grid.updateComplete;
    expect(seen).toEqual([]);
    key(surface(grid), 'Delete');
    expect(seen[0]?.changes.map((c) => c.index)).toEqual([0, 1]);
    expect(seen[0]?.changes.every((c) => c.value === 0)).toBe(true);
  });

  it('a read-only grid never edits and says why', async () => {
    const grid = await mountGrid([1, 2], 1, 2, false);
    grid.selection = single(0, 0);
    await grid.updateComplete;
    const seen = edits(grid);
    const errors: string[] = [];
    grid.addEventListener('cell-error', (e) =>
      errors.push((e as CustomEvent<{ message: string }>).detail.message),
    );
    key(surface(grid), '5');
    key(surface(grid), 'Delete');
    await grid.updateComplete;
    expect(grid.shadowRoot?.querySelector('input')).toBeNull();
    expect(seen).toEqual([]);
    expect(errors[0]).toBe(
      'conv1 filter 1 is computed from the cells before it; edit the input, a filter or a bias',
    );
  });

  it('draws more than 32 x 32 cells as a heatmap with one gridcell for the active cell', async () => {
    const values = Array.from({ length: 40 * 40 }, (_, i) => i / 1600);
    const grid = await mountGrid(values, 40, 40);
    grid.selection = single(2, 3);
    await grid.updateComplete;
    expect(grid.shadowRoot?.querySelector('canvas.heat')).not.toBeNull();
    const active = cells(grid);
    expect(active).toHaveLength(1);
    expect(active[0]?.id).toBe('c2_3');
    expect(active[0]?.getAttribute('aria-rowindex')).toBe('3');
    expect(active[0]?.getAttribute('aria-label')).toBe('0.05');
  });
});
