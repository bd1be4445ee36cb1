/**
 * Spreadsheet cell addresses in A1 style: column letters then the row number, both counted from 1
 * (row 3, column 2 is B3). A `$` before a part makes it absolute, so a formula copied elsewhere keeps
 * pointing at the same filter cell.
 */

/** Column letters: 1 -> A, 26 -> Z, 27 -> AA, 16384 -> XFD. */
export function columnLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "B3", or "$B$3" when absolute. */
export function cellAddress(row: number, column: number, absolute = false): string {
  const d = absolute ? '$' : '';
  return `${d}${columnLetters(column)}${d}${row}`;
}

/** "B3:D5"; a single cell is written as just its address. */
export function rangeAddress(
  top: number,
  left: number,
  bottom: number,
  right: number,
  absolute = false,
): string {
  const first = cellAddress(top, left, absolute);
  return top === bottom && left === right ? first : `${first}:${cellAddress(bottom, right, absolute)}`;
}

/** "row 3, column 2 (B3)": how messages name a cell. */
export function cellName(row: number, column: number): string {
  return `row ${row}, column ${column} (${cellAddress(row, column)})`;
}
