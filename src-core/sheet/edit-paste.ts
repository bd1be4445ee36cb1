/**
 * Copy and paste as spreadsheets do it: a block of cells travels as tab-separated text, rows ended by a
 * newline (Excel and LibreOffice end the last row too, and on Windows the newline is CRLF; Google Sheets
 * leaves the last one off). Pasted text must be all numbers, or nothing changes and the message names
 * the row and column of the first cell that is not one.
 */
import { formatCellNumber, parseCellNumber } from '../io/number-text';
import type { CellChange } from './edit';

export type ParsedBlock =
  | { readonly ok: true; readonly rows: readonly (readonly number[])[] }
  | { readonly ok: false; readonly message: string };

/** Reads clipboard text as a rectangular block of numbers. */
export function parseBlock(text: string): ParsedBlock {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0]?.trim() === '')
    return { ok: false, message: 'the clipboard holds no cells' };
  const rows: number[][] = [];
  let width = -1;
  for (const [r, line] of lines.entries()) {
    const cells = line.split('\t');
    if (width >= 0 && cells.length !== width) {
      return {
        ok: false,
        message: `pasted row ${r + 1} has ${cells.length} cells but row 1 has ${width}: paste a rectangular block`,
      };
    }
    width = cells.length;
    const row: number[] = [];
    for (const [c, cell] of cells.entries()) {
      const parsed = parseCellNumber(cell);
      if (!parsed.ok)
        return { ok: false, message: `pasted row ${r + 1}, column ${c + 1}: ${parsed.message}` };
      row.push(parsed.value);
    }
    rows.push(row);
  }
  return { ok: true, rows };
}

/** A rectangle of cells in a rows x cols grid: top-left corner and size. */
export interface CellRange {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Where a grid sits in its tensor: `offset` is the flat index of its cell (0, 0); rows are `cols` long. */
export interface GridPlace {
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
}

export type PastePlan =
  | { readonly ok: true; readonly changes: readonly CellChange[]; readonly range: CellRange }
  | { readonly ok: false; readonly message: string };

/**
 * The cells a pasted block sets. One value fills the whole selection (as in Excel); a block lands with
 * its top-left corner on the selection's and must fit inside the grid from there.
 */
export function planPaste(
  grid: GridPlace,
  selection: CellRange,
  block: readonly (readonly number[])[],
): PastePlan {
  const height = block.length;
  const width = block[0]?.length ?? 0;
  const single = height === 1 && width === 1;
  const range: CellRange = single
    ? selection
    : { row: selection.row, col: selection.col, rows: height, cols: width };
  const roomRows = grid.rows - selection.row;
  const roomCols = grid.cols - selection.col;
  if (range.rows > roomRows || range.cols > roomCols) {
    return {
      ok: false,
      message:
        `the pasted block is ${height} x ${width} but from row ${selection.row + 1}, column ${selection.col + 1} ` +
        `there is room for ${roomRows} x ${roomCols}`,
    };
  }
  const changes: CellChange[] = [];
  for (let i = 0; i < range.rows; i++) {
    for (let j = 0; j < range.cols; j++) {
      const value = single ? (block[0]?.[0] ?? 0) : (block[i]?.[j] ?? 0);
      changes.push({ index: grid.offset + (range.row + i) * grid.cols + range.col + j, value });
    }
  }
  return { ok: true, changes, range };
}

/**
 * A range of a grid as clipboard text: tab-separated, each row ended by a newline (as Excel writes it),
 * numbers at full precision so that pasting them back gives the same values.
 */
export function copyBlock(values: ArrayLike<number>, grid: GridPlace, range: CellRange): string {
  let text = '';
  for (let i = 0; i < range.rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < range.cols; j++) {
      const v = values[grid.offset + (range.row + i) * grid.cols + range.col + j] ?? 0;
      cells.push(Object.is(v, -0) ? '0' : Number.isInteger(v) ? formatCellNumber(v, 0) : String(v));
    }
    text += `${cells.join('\t')}\n`;
  }
  return text;
}
