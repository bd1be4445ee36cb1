/**
 * A grid of numbers as CSV: what a spreadsheet saves and `numpy.savetxt(..., delimiter=",")` writes.
 * Reading gives one channel, 1 x H x W, for the input or a filter slice; writing any 2-D grid gives text
 * that reads back to the same float64 values, so export then import is exact.
 *
 * Rows and columns in messages count from 1 as a spreadsheet shows them (row 3, column 2 is B3), and
 * rows are the file's own lines: blank lines are skipped but still counted.
 */
import Papa from 'papaparse';
import { sizeOf, tensor, type Tensor } from '../tensor';
import { formatCount, IssueList, plural, type Result } from '../sheet/issues';
import { LIMITS } from '../sheet/limits';
import { cellName, columnLetters } from './a1';
import { parseCellNumber } from './number-text';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvReadOptions {
  /** Cell separator; 'auto' (default) detects comma, semicolon or tab from the first lines. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /**
   * Whether the first row holds column names rather than numbers. 'auto' (default): it does when none
   * of its cells is a number (a first row mixing names and numbers is more likely a typo, so its text
   * cells are reported as errors instead of being dropped silently).
   */
  readonly header?: boolean | 'auto';
  /**
   * 'none' (default) keeps the numbers as written; '255' divides every value by 255 (pixel values to
   * 0..1); 'auto' divides when some value exceeds 1 and all lie in 0..255, and warns when values exceed
   * 1 but cannot be pixels.
   */
  readonly scale?: 'none' | '255' | 'auto';
}

export interface CsvGrid {
  /** The numbers, one channel: 1 x H x W. */
  readonly grid: Tensor;
  readonly height: number;
  readonly width: number;
  readonly delimiter: CsvDelimiter;
  /** The header row's cells when the first row was taken as a header, otherwise null. */
  readonly header: readonly string[] | null;
  /** True when the values were divided by 255. */
  readonly scaled: boolean;
}

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t'];
const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * With a semicolon or tab separator, a comma inside a cell is a decimal comma, as European spreadsheets
 * write "0,5"; with a comma separator it cannot be.
 */
function cellNumber(text: string, delimiter: CsvDelimiter): ReturnType<typeof parseCellNumber> {
  const t = text.trim();
  if (delimiter !== ',' && /^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(t))
    return parseCellNumber(t.replace(',', '.'));
  return parseCellNumber(t);
}

function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Text that is really binary (an image renamed .csv): NUL bytes or undecodable UTF-8 near the start. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.includes('\u0000') || (head.match(/\uFFFD/g)?.length ?? 0) > 2;
}

function detectDelimiter(text: string): CsvDelimiter {
  // Detection only: blank lines skipped so that a trailing newline does not spoil papaparse's guess.
  const guess = Papa.parse(text, { delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy', preview: 50 });
  const d = guess.meta.delimiter;
  // UndetectableDelimiter means a single column; any separator reads it the same.
  return d === ';' || d === '\t' ? d : ',';
}

/**
 * What the file can make papaparse build, counted without parsing: it builds every cell of every line
 * as a string, blank lines included, so a file of a few hundred megabytes holding one line of millions
 * of cells (or millions of lines) would exhaust memory before the grid's size could be checked.
 * Quotes are ignored and every candidate separator counts, so the counts are never below what the parse
 * gives. `rows` counts the lines holding something besides blanks, separators and quotes.
 */
interface Extent {
  /** Lines, blank ones included. */
  readonly lines: number;
  /** Lines holding more than blanks, separators and quotes. */
  readonly rows: number;
  /** Separators in the whole file: the cells beyond one per line. */
  readonly separators: number;
  /** The line with the most cells (from 1) and that count. */
  readonly widest: { readonly line: number; readonly cells: number };
}

function gridExtent(text: string, delimiters: readonly CsvDelimiter[]): Extent {
  const isSeparator = new Uint8Array(128);
  for (const d of delimiters) isSeparator[d.charCodeAt(0)] = 1;
  let lines = 0;
  let rows = 0;
  let separators = 0;
  let widest = { line: 1, cells: 0 };
  let filled = false;
  let cells = 1;
  const endLine = (): void => {
    lines++;
    if (filled) rows++;
    if (cells > widest.cells) widest = { line: lines, cells };
    filled = false;
    cells = 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n, or \r not followed by \n, ends a line; blanks and quotes leave a line empty.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) endLine();
    else if (c < 128 && isSeparator[c] === 1) {
      separators++;
      cells++;
    } else if (c !== 32 && c !== 9 && c !== 13 && c !== 34) filled = true;
  }
  endLine();
  return { lines, rows, separators, widest };
}

/** The message when the file holds more than a grid within the size limit, else null. */
function extentIssue(e: Extent): string | null {
  // One row more than the limit may be a header, one cell more a separator ending every line.
  const most = LIMITS.dimension + 1;
  const over = `over the limit of ${LIMITS.dimension} rows or columns`;
  if (e.widest.cells > most) return `row ${e.widest.line} has ${formatCount(e.widest.cells)} cells, ${over}`;
  if (e.rows > most) return `the file has ${formatCount(e.rows)} rows, ${over}`;
  if (e.lines + e.separators > 2 * most * most) {
    return `the file has ${formatCount(e.lines)} lines and ${formatCount(e.separators)} separators, more cells than a grid ${over} can hold`;
  }
  return null;
}

/** Reads a CSV grid of numbers (UTF-8 text; a byte-order mark is ignored). */
export function readCsvGrid(text: string, options: CsvReadOptions = {}): Result<CsvGrid> {
  const issues = new IssueList();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksBinary(body)) {
    issues.error('', 'not a CSV text file: it holds binary data (is it an image or a spreadsheet?)');
    return issues.failure();
  }
  if (body.trim() === '') {
    issues.error('', 'the file is empty: a CSV grid needs at least one row of numbers');
    return issues.failure();
  }
  const auto = options.delimiter === undefined || options.delimiter === 'auto';
  const tooLarge = extentIssue(gridExtent(body, auto ? DELIMITERS : [options.delimiter]));
  if (tooLarge !== null) {
    issues.error('', tooLarge);
    return issues.failure();
  }
  const delimiter = auto ? detectDelimiter(body) : options.delimiter;
  const parsed = Papa.parse(body, { delimiter, skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError !== undefined) {
    const row = (quoteError.row ?? 0) + 1;
    issues.error(`row ${row}`, `row ${row}: a quoted cell is not closed or has a stray quote (")`);
    return issues.failure();
  }

  // Rows keep their line number (1-based) so that messages match what a spreadsheet shows.
  let rows = parsed.data.map((cells, i) => ({ line: i + 1, cells })).filter((r) => !isBlankRow(r.cells));
  const first = rows[0];
  if (first === undefined) {
    issues.error('', 'the file is empty: a CSV grid needs at least one row of numbers');
    return issues.failure();
  }
  const headerWanted = options.header ?? 'auto';
  const firstIsNames = first.cells.every((c) => c.trim() === '' || !cellNumber(c, delimiter).ok);
  let header: string[] | null = null;
  if (headerWanted === true || (headerWanted === 'auto' && firstIsNames)) {
    header = first.cells.map((c) => c.trim());
    rows = rows.slice(1);
  }
  if (rows.length === 0) {
    issues.error('', 'the file has a header row but no rows of numbers');
    return issues.failure();
  }

  // A separator at the end of every line ("1,2,3,") adds an empty last column that nobody meant.
  if (rows.every((r) => r.cells.length > 1 && r.cells[r.cells.length - 1]?.trim() === '')) {
    rows = rows.map((r) => ({ line: r.line, cells: r.cells.slice(0, -1) }));
  }

  const width = rows[0]?.cells.length ?? 0;
  const height = rows.length;
  if (height > LIMITS.dimension || width > LIMITS.dimension) {
    issues.error(
      '',
      `the grid is ${height} x ${width} cells, over the limit of ${LIMITS.dimension} rows or columns`,
    );
    return issues.failure();
  }
  const values = new Float64Array(height * width);
  // A wrong separator or a file that is not a grid at all would otherwise list every cell.
  const MAX_ERRORS = 5;
  rows: for (let y = 0; y < height; y++) {
    const { line, cells } = rows[y] ?? { line: 0, cells: [] };
    if (cells.length !== width) {
      const firstLine = rows[0]?.line ?? 1;
      issues.error(
        `row ${line}`,
        `row ${line} has ${plural(cells.length, 'cell')} but row ${firstLine} has ${width}: ` +
          `every row of the grid needs the same number of cells (${DELIMITER_NAMES[delimiter]}-separated)`,
      );
      if (issues.errors.length >= MAX_ERRORS) break;
      continue;
    }
    for (let x = 0; x < width; x++) {
      const parsedCell = cellNumber(cells[x] ?? '', delimiter);
      if (parsedCell.ok) values[y * width + x] = parsedCell.value;
      else {
        issues.error(`${columnLetters(x + 1)}${line}`, `${cellName(line, x + 1)}: ${parsedCell.message}`);
        if (issues.errors.length >= MAX_ERRORS) break rows;
      }
    }
  }
  if (issues.errors.length > 0) return issues.failure();

  const scaled = shouldScale(values, options.scale ?? 'none', issues);
  if (scaled) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / 255;
  return issues.result({
    grid: tensor([1, height, width], values),
    height,
    width,
    delimiter,
    header,
    scaled,
  });
}

function shouldScale(values: Float64Array, scale: 'none' | '255' | 'auto', issues: IssueList): boolean {
  if (scale !== 'auto') return scale === '255';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max <= 1) return false;
  if (min >= 0 && max <= 255) return true;
  issues.warn(
    '',
    `values run from ${min} to ${max}, not pixel values 0..255, so they were kept as written (not divided by 255)`,
  );
  return false;
}

export interface CsvWriteOptions {
  /** Cell separator, comma by default. */
  readonly delimiter?: CsvDelimiter;
  /** Write "0,5" instead of "0.5" (for spreadsheets in European locales); needs a non-comma separator. */
  readonly decimalComma?: boolean;
}

/**
 * CSV text of an H x W grid (`values` row-major), one line per row, CRLF line ends as RFC 4180. Numbers
 * are written in the shortest form that reads back as the same float64 (-0 included), so reading the
 * text gives exactly `values`. NaN and infinities are written as such; reading them back is refused.
 */
export function writeCsvGrid(
  values: ArrayLike<number>,
  height: number,
  width: number,
  options: CsvWriteOptions = {},
): string {
  if (values.length !== height * width) {
    throw new RangeError(`a ${height} x ${width} grid holds ${height * width} values, got ${values.length}`);
  }
  const delimiter = options.delimiter ?? ',';
  if (options.decimalComma === true && delimiter === ',') {
    throw new RangeError('a decimal comma needs a semicolon or tab separator');
  }
  const lines: string[] = [];
  for (let y = 0; y < height; y++) {
    const cells: string[] = [];
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x] ?? 0;
      const text = Object.is(v, -0) ? '-0' : String(v);
      cells.push(options.decimalComma === true ? text.replace('.', ',') : text);
    }
    lines.push(cells.join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One 2-D grid of a tensor: the last two axes at the leading indices `at` (e.g. [c] of C x H x W). */
export interface GridSlice {
  readonly height: number;
  readonly width: number;
  /** Row-major, a view into the tensor's data (not a copy). */
  readonly values: Float64Array;
}

/**
 * The H x W grid at leading indices `at`: [c] for a channel of a C x H x W map, [o, c] for one slice of
 * an OUT x IN x KH x KW filter bank. A 1-D tensor (a bias) is one row; a 2-D tensor its whole self.
 */
export function gridSlice(t: Tensor, at: readonly number[] = []): GridSlice {
  const rank = t.shape.length;
  const height = rank >= 2 ? (t.shape[rank - 2] ?? 1) : 1;
  const width = rank >= 1 ? (t.shape[rank - 1] ?? 1) : 1;
  const lead = t.shape.slice(0, Math.max(0, rank - 2));
  if (at.length !== lead.length || at.some((i, k) => !Number.isInteger(i) || i < 0 || i >= (lead[k] ?? 0))) {
    throw new RangeError(`grid [${at.join(', ')}] is outside a tensor of shape ${t.shape.join(' x ')}`);
  }
  let offset = 0;
  at.forEach((i, k) => {
    offset = offset * (lead[k] ?? 1) + i;
  });
  const size = height * width;
  if (sizeOf(t.shape) === 0) return { height, width, values: new Float64Array(0) };
  return { height, width, values: t.data.subarray(offset * size, (offset + 1) * size) };
}
