import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CellEditDetail, CsGrid } from '../../src-renderer/grid';
import '../../src-renderer/grid';

async function mountGrid(
  values: number[],
  rows: number,
  cols: number,
  label = 'conv1 filter 1',
): Promise<CsGrid> {
  const grid = document.createElement('cs-grid');
  Object.assign(grid, { values, rows, cols, label, editable: true, cellWidth: 38, cellHeight: 20 });
  document.body.append(grid);
  await grid.updateComplete;
  return grid;
}

function cell(grid: CsGrid, row: number, col: number): HTMLElement {
  const td = grid.shadowRoot?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
  if (!td) throw new Error(`no cell ${row},${col}`);
  return td;
}

function edits(grid: CsGrid): CellEditDetail[] {
  const seen: CellEditDetail[] = [];
  grid.addEventListener('cell-edit', (e) => seen.push((e as CustomEvent<CellEditDetail>).detail));
  return seen;
}

function pasteEvent(grid: CsGrid, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const target = grid.shadowRoot?.querySelector('[role="grid"]');
  target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true }));
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
    expect(a.width).toBe(38);
  });

  it('types a value, Tab commits and moves right, Shift+Tab moves back', async () => {
    const grid = await mountGrid([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
    const seen = edits(grid);
    await userEvent.click(cell(grid, 1, 0));
    await userEvent.keyboard('-2.5{Tab}');
    expect(seen).toEqual([{ changes: [{ row: 1, col: 0, index: 3, value: -2.5 }] }]);
    expect(grid.selection?.focus).toEqual({ row: 1, col: 1 });
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(grid.selection?.focus).toEqual({ row: 1, col: 0 });
  });

  it('F2 edits in place starting from the current value; arrows then move the caret, not the cell', async () => {
    const grid = await mountGrid([0.25, 2], 1, 2);
    const seen = edits(grid);
    await userEvent.click(cell(grid, 0, 0));
    await userEvent.keyboard('{F2}{ArrowLeft}{ArrowLeft}5{Enter}');
    expect(seen).toEqual([{ changes: [{ row: 0, col: 0, index: 0, value: 0.525 }] }]);
  });

  it('typing over a cell then pressing an arrow commits and moves, as in Excel', async () => {
    const grid = await mountGrid([0, 0, 0, 0], 2, 2);
    const seen = edits(grid);
    await userEvent.click(cell(grid, 0, 0));
    await userEvent.keyboard('3{ArrowRight}4{ArrowDown}');
    expect(seen.map((d) => d.changes.map((c) => `${c.index}=${c.value}`).join())).toEqual(['0=3', '1=4']);
    expect(grid.selection?.focus).toEqual({ row: 1, col: 1 });
  });

  it('double-click edits; shift-click selects a range; a mouse drag selects a range', async () => {
    const grid = await mountGrid(
      Array.from({ length: 16 }, (_, i) => i),
      4,
      4,
    );
    await userEvent.click(cell(grid, 0, 0));
    await userEvent.click(cell(grid, 2, 1), { modifiers: ['Shift'] });
    expect(grid.selection).toEqual({ anchor: { row: 0, col: 0 }, focus: { row: 2, col: 1 } });
    await userEvent.dblClick(cell(grid, 3, 3));
    await grid.updateComplete;
    expect(grid.shadowRoot?.querySelector('input')?.value).toBe('15');
  });

  it('Ctrl+C then Ctrl+V copies a range into another grid through the clipboard', async () => {
    const source = await mountGrid([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3, 'source');
    const target = await mountGrid(new Array<number>(9).fill(0), 3, 3, 'target');
    let copied = '';
    document.addEventListener('copy', (e) => (copied = e.clipboardData?.getData('text/plain') ?? ''));
    await userEvent.click(cell(source, 0, 1));
    await userEvent.keyboard('{Shift>}{ArrowDown}{ArrowRight}{/Shift}');
    await userEvent.keyboard('{Control>}c{/Control}');
    expect(copied).toBe('2\t3\n5\t6\n');
    const seen = edits(target);
    pasteEvent(target, copied);
    expect(seen).toEqual([]);
    await userEvent.click(cell(target, 1, 0));
    pasteEvent(target, copied);
    expect(seen[0]?.changes.map((c) => `${c.row},${c.col}=${c.value}`)).toEqual([
      '1,0=2',
      '1,1=3',
      '2,0=5',
      '2,1=6',
    ]);
    expect(target.selection).toEqual({ anchor: { row: 2, col: 1 }, focus: { row: 1, col: 0 } });
  });

  it('pastes a 3 x 3 block from Excel (CRLF, trailing newline) as a whole filter', async () => {
    const grid = await mountGrid(new Array<number>(9).fill(0), 3, 3);
    const seen = edits(grid);
    await userEvent.click(cell(grid, 0, 0));
    pasteEvent(grid, '1\t1\t1\r\n0\t0\t0\r\n-1\t-1\t-1\r\n');
    expect(seen[0]?.changes.map((c) => c.value)).toEqual([1, 1, 1, 0, 0, 0, -1, -1, -1]);
  });

  it('refuses pasted text with a word in it, naming row and column, and changes nothing', async () => {
    const grid = await mountGrid(new Array<number>(9).fill(0), 3, 3);
    const seen = edits(grid);
    const errors: string[] = [];
    grid.addEventListener('cell-error', (e) =>
      errors.push((e as CustomEvent<{ message: string }>).detail.message),
    );
    await userEvent.click(cell(grid, 0, 0));
    pasteEvent(grid, '1\t1\t1\n0\tzero\t0\n');
    expect(seen).toEqual([]);
    expect(errors).toEqual([
      'conv1 filter 1: pasted row 2, column 2: "zero" is not a number; nothing was changed',
    ]);
  });

  it('a heatmap grid selects by click and edits through one overlay cell', async () => {
    const values = Array.from({ length: 40 * 40 }, () => 0);
    const grid = await mountGrid(values, 40, 40, 'picture');
    const seen = edits(grid);
    const surface = grid.shadowRoot?.querySelector('[role="grid"]');
    if (!surface) throw new Error('no grid');
    await userEvent.click(surface, { position: { x: 5 * 38 + 10, y: 7 * 20 + 10 } });
    expect(grid.selection?.focus).toEqual({ row: 7, col: 5 });
    await userEvent.keyboard('0.5{Enter}');
    expect(seen[0]?.changes).toEqual([{ row: 7, col: 5, index: 7 * 40 + 5, value: 0.5 }]);
    const canvas = grid.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.heat');
    expect([canvas?.width, canvas?.height]).toEqual([40, 40]);
  });
});
