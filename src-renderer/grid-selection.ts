/**
 * Selection in a grid as a spreadsheet keeps it: an anchor where the selection started and a focus,
 * the active cell, that the arrow keys move; Shift moves the focus and keeps the anchor, so the range
 * between them grows or shrinks.
 */
import type { CellRange } from '../src-core/sheet/edit-paste';

/** Where a cell is: row and column of a H x W grid, 0-based. */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

export interface GridSelection {
  readonly anchor: CellPosition;
  /** The active cell: the one typing edits and the formula bar explains. */
  readonly focus: CellPosition;
}

export function single(row: number, col: number): GridSelection {
  return { anchor: { row, col }, focus: { row, col } };
}

/** The rectangle between anchor and focus. */
export function rangeOf(s: GridSelection): CellRange {
  const row = Math.min(s.anchor.row, s.focus.row);
  const col = Math.min(s.anchor.col, s.focus.col);
  return {
    row,
    col,
    rows: Math.abs(s.anchor.row - s.focus.row) + 1,
    cols: Math.abs(s.anchor.col - s.focus.col) + 1,
  };
}

export function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

function clamp(p: CellPosition, rows: number, cols: number): CellPosition {
  return { row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) };
}

const STEPS: Record<string, readonly [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * The selection after a navigation key, or null when the key does not navigate. Ctrl+arrow jumps to
 * the edge, Home/End to the row's ends (with Ctrl, the grid's corners), Ctrl+A selects everything.
 * With nothing selected yet, any of them selects the first cell.
 */
export function navigate(
  s: GridSelection | null,
  key: string,
  mods: { shift: boolean; ctrl: boolean },
  rows: number,
  cols: number,
): GridSelection | null {
  const at = s?.focus ?? { row: 0, col: 0 };
  if (mods.ctrl && (key === 'a' || key === 'A')) {
    return { anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: cols - 1 } };
  }
  let next: CellPosition | null = null;
  const step = STEPS[key];
  if (step !== undefined) {
    next = mods.ctrl
      ? {
          row: step[0] === 0 ? at.row : step[0] < 0 ? 0 : rows - 1,
          col: step[1] === 0 ? at.col : step[1] < 0 ? 0 : cols - 1,
        }
      : { row: at.row + step[0], col: at.col + step[1] };
  } else if (key === 'Home') {
    next = { row: mods.ctrl ? 0 : at.row, col: 0 };
  } else if (key === 'End') {
    next = { row: mods.ctrl ? rows - 1 : at.row, col: cols - 1 };
  }
  if (next === null) return null;
  // Tabbing into a grid selects nothing yet: the first move lands on its first cell.
  if (s === null) return { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } };
  const focus = clamp(next, rows, cols);
  return { anchor: mods.shift && s !== null ? s.anchor : focus, focus };
}

/** Same selection? Lets the grid skip events and repaints for a key that did not move anything. */
export function sameSelection(a: GridSelection | null, b: GridSelection | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.anchor.row === b.anchor.row &&
    a.anchor.col === b.anchor.col &&
    a.focus.row === b.focus.row &&
    a.focus.col === b.focus.col
  );
}
