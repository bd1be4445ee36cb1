import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CellEditDetail, CsGrid } from '../../src-renderer/grid';
import '../../src-renderer/grid';

async function mountGrid(values: number[], rows: number, cols: number): Promise<CsGrid> {
  const grid = document.createElement('cs-grid');
  Object.assign(grid, { values, rows, cols, label: 'Filter 1', editable: true });
  document.body.append(grid);
  await grid.updateComplete;
  return grid;
}

function cell(grid: CsGrid, row: number, col: number): HTMLElement {
  const td = grid.shadowRoot?.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`);
  if (!td) throw new Error(`no cell ${row},${col}`);
  return td;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('cs-grid in Chromium', () => {
  it('lays cells out at their set size: columns 38 px apart, rows 20 px apart', async () => {
    const grid = await mountGrid([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
    const a = cell(grid, 0, 0).getBoundingClientRect();
    const b = cell(grid, 1, 2).getBoundingClientRect();
    expect(b.left - a.left).toBe(2 * 38);
    expect(b.top - a.top).toBe(20);
  });

  it('types a value, Tab commits and moves right, Shift+Tab moves back', async () => {
    const grid = await mountGrid([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
    const edits: CellEditDetail[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push((e as CustomEvent<CellEditDetail>).detail));
    await userEvent.click(cell(grid, 1, 0));
    await userEvent.keyboard('-2.5{Tab}');
    expect(edits).toEqual([{ row: 1, col: 0, index: 3, value: -2.5 }]);
    expect(grid.selected).toEqual({ row: 1, col: 1 });
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(grid.selected).toEqual({ row: 1, col: 0 });
  });

  it('F2 edits in place starting from the current value', async () => {
    const grid = await mountGrid([0.25, 2], 1, 2);
    const edits: CellEditDetail[] = [];
    grid.addEventListener('cell-edit', (e) => edits.push((e as CustomEvent<CellEditDetail>).detail));
    await userEvent.click(cell(grid, 0, 0));
    await userEvent.keyboard('{F2}5{Enter}');
    expect(edits).toEqual([{ row: 0, col: 0, index: 0, value: 0.255 }]);
  });
});
