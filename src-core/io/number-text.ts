/**
 * Reading numbers typed into a cell or pasted from a spreadsheet. Accepts what Excel, LibreOffice and
 * Google Sheets put on the clipboard for a number: `-1`, `0.5`, `.5`, `1e-3`, `+2`, with surrounding
 * spaces. Refuses everything else, including `NaN` and `Infinity`: a grid only ever holds finite numbers.
 */

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/** Parses one cell's text; the message says what was typed and why it is not a number. */
export function parseCellNumber(text: string): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'an empty cell is not a number' };
  if (!numberPattern.test(trimmed)) return { ok: false, message: `"${shorten(trimmed)}" is not a number` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `"${shorten(trimmed)}" is too large` };
  return { ok: true, value };
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}

/** A value as a cell shows it: fixed decimals, and never "-0.00" for a tiny negative number. */
export function formatCellNumber(value: number, decimals: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
