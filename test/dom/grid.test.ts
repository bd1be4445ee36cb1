import { afterEach, describe, expect, it } from 'vitest';
import type { CellEditDetail, CellPosition, CsGrid } from '../../src-renderer/grid';
import '../../src-renderer/grid';

async function mountGrid(values: number[], rows: number, cols: number, editable = true): Promise<CsGrid> {
  const grid = document.createElement('cs-grid');
  grid.values = values;
  grid.rows = rows;
  grid.cols = cols;
  grid.label = 'Filter 1';
  grid.editable = editable;
  document.body.append(grid);
  await grid.updateComplete;
  return grid;
}

function table(grid: CsGrid): HTMLTableElement {
  const t = grid.shadowRoot?.querySelector('table');
  if (!t) throw new Error('no table rendered');
  return t;
}

function key(target: EventTarget, k: string, extra: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...extra }));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('cs-grid', () => {
  it('is an accessible grid of gridcells showing each value', async () => {
    const grid = await mountGrid([1, 0, -1, 0.5, 0, -0.25], 2, 3);
    const t = table(grid);
    expect(t.getAttribute('role')).toBe('grid');
    expect(t.getAttribute('aria-label')).toBe('Filter 1');
    const cells = [...t.querySelectorAll('td')];
    expect(cells.map((c) => c.getAttribute('role'))).toEqual(Array(6).fill('gridcell'));
    expect(cells.map((c) => c.textContent?.trim())).toEqual([
      '1.00',
      '0.00',
      '-1.00',
      '0.50',
      '0.00',
      '-0.25',
    ]);
  });

  it('colours by value on a zero-centred scale: red positive, white zero, blue negative', async () => {
    const grid = await mountGrid([1, 0, -1], 1, 3);
    const fills = [...table(grid).querySelectorAll('td')].map((c) => c.style.background);
    expect(fills).toEqual(['rgb(178, 24, 43)', 'rgb(255, 255, 255)', 'rgb(33, 102, 172)']);
  });

  it('moves the selection with the arrow keys, clamped to the grid', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    const seen: CellPosition[] = [];
    grid.addEventListener('cell-select', (e) => seen.push((e as CustomEvent<CellPosition>).detail));
    const t = table(grid);
    key(t, 'ArrowRight');
    key(t, 'ArrowDown');
    key(t, 'ArrowDown');
    key(t, 'ArrowLeft');
    expect(seen).toEqual([
      { row: 0, col: 1 },
      { row: 1, col: 1 },
      { row: 1, col: 1 },
      { row: 1, col: 0 },
    ]);
  });

  it('commits typed text as a number on Enter and moves down', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selected = { row: 0, col: 1 };
    await grid.updateComplete;
    const edits: CellEditDetail[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push((e as CustomEvent<CellEditDetail>).detail));
    key(table(grid), '-');
    await grid.updateComplete;
    const input = grid.shadowRoot?.querySelector('input');
    if (!input) throw new Error('typing did not open the editor');
    input.value = '-0.5';
    input.dispatchEvent(new Event('input'));
    key(input, 'Enter');
    await grid.updateComplete;
    expect(edits).toEqual([{ row: 0, col: 1, index: 1, value: -0.5 }]);
    expect(grid.selected).toEqual({ row: 1, col: 1 });
  });

  it('refuses text that is not a number, says where, and emits no edit', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selected = { row: 1, col: 0 };
    await grid.updateComplete;
    const edits: CellEditDetail[] = [];
    const errors: string[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push((e as CustomEvent<CellEditDetail>).detail));
    grid.addEventListener('cell-error', (e) =>
      errors.push((e as CustomEvent<{ message: string }>).detail.message),
    );
    key(table(grid), 'x');
    await grid.updateComplete;
    const input = grid.shadowRoot?.querySelector('input');
    if (!input) throw new Error('typing did not open the editor');
    key(input, 'Enter');
    await grid.updateComplete;
    expect(edits).toEqual([]);
    expect(errors).toEqual(['Filter 1 row 2, column 1: "x" is not a number']);
    expect(grid.shadowRoot?.querySelector('input')).toBeNull();
  });

  it('Escape cancels an edit; Delete sets the cell to 0', async () => {
    const grid = await mountGrid([1, 2, 3, 4], 2, 2);
    grid.selected = { row: 0, col: 0 };
    await grid.updateComplete;
    const edits: CellEditDetail[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push((e as CustomEvent<CellEditDetail>).detail));
    key(table(grid), '9');
    await grid.updateComplete;
    const input = grid.shadowRoot?.querySelector('input');
    if (!input) throw new Error('typing did not open the editor');
    key(input, 'Escape');
    await grid.updateComplete;
    expect(edits).toEqual([]);
    key(table(grid), 'Delete');
    expect(edits).toEqual([{ row: 0, col: 0, index: 0, value: 0 }]);
  });

  it('a read-only grid never edits', async () => {
    const grid = await mountGrid([1, 2], 1, 2, false);
    grid.selected = { row: 0, col: 0 };
    await grid.updateComplete;
    const edits: unknown[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push(e));
    key(table(grid), '5');
    key(table(grid), 'Delete');
    await grid.updateComplete;
    expect(grid.shadowRoot?.querySelector('input')).toBeNull();
    expect(edits).toEqual([]);
  });
});
