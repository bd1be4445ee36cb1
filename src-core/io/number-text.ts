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

/** The text as a message quotes it: short, and on one line (a line break shows as \n, as in JSON). */
function shorten(text: string): string {
  const short = text.length > 24 ? `${text.slice(0, 21)}...` : text;
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  return short.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** A value as a cell shows it: fixed decimals, and never "-0.00" for a tiny negative number. */
export function formatCellNumber(value: number, decimals: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
