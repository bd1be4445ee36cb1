/**
 * Example sets from CSV: one example a row, its label first and then its pixel values, as the MNIST
 * CSV files people download write them ("label,pixel0,...,pixel783", with or without that header).
 * Labels are whole numbers (0, 1, ...) or names ("cat", "dog": numbered in the order they first
 * appear). Values that are all whole numbers from 0 to 255 are read as pixels and divided by 255.
 * Reading never throws: every problem names its line and column.
 */
import { parseCellNumber, type ParsedNumber } from '../io/number-text';
import { IssueList, formatCount, type Result } from '../sheet/issues';
import { LIMITS } from '../sheet/limits';
import { formatShape } from '../tensor';
import type { Example, ExampleSet } from './example-set';

export interface CsvExamplesOptions {
  /** The network's input shape, C x H x W: the shape rows of that many values are given. */
  readonly shape?: readonly number[] | null;
}

type Delimiter = ',' | ';' | '\t';

function delimiterOf(line: string): Delimiter {
  if (line.includes('\t')) return '\t';
  const semicolons = line.split(';').length;
  return semicolons > 1 && semicolons >= line.split(',').length ? ';' : ',';
}

/** With a semicolon or tab separator a comma is a decimal comma ("0,5"), as European spreadsheets write. */
function cellValue(text: string, delimiter: Delimiter): ParsedNumber {
  const t = text.trim();
  if (delimiter !== ',' && /^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(t))
    return parseCellNumber(t.replace(',', '.'));
  return parseCellNumber(t);
}

/** The shape a row of n values has: the network's when it holds n, else a square, gray or RGB. */
function shapeFor(n: number, wanted: readonly number[] | null | undefined): number[] | null {
  if (wanted !== null && wanted !== undefined && wanted.reduce((a, b) => a * b, 1) === n) return [...wanted];
  for (const c of [1, 3]) {
    const side = Math.round(Math.sqrt(n / c));
    if (side >= 1 && c * side * side === n) return [c, side, side];
  }
  return null;
}

/** Reads CSV text as an example set; `name` is the file's name, for messages. */
export function readExamplesCsv(
  text: string,
  name: string,
  options: CsvExamplesOptions = {},
): Result<ExampleSet> {
  const issues = new IssueList();
  const fail = (message: string): Result<ExampleSet> => {
    issues.error('', `${name}: ${message}`);
    return issues.failure();
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.slice(0, 4096).includes('\u0000')) return fail('not a CSV text file: it holds binary data');
  const lines = body.split(/\r\n|\n|\r/);
  const rows = lines.map((t, i) => ({ line: i + 1, text: t })).filter((r) => r.text.trim() !== '');
  const first = rows[0];
  if (first === undefined) return fail('the file is empty: each row is a label followed by pixel values');
  const delimiter = delimiterOf(first.text);
  const cellsOf = (t: string): string[] => {
    const cells = t.split(delimiter);
    // A separator ending the line ("3,0,1,") adds an empty last cell nobody meant.
    if (cells.length > 1 && cells[cells.length - 1]?.trim() === '') cells.pop();
    return cells;
  };
  // A header names its columns: its cells after the first are not numbers.
  const firstCells = cellsOf(first.text);
  const header = firstCells.length > 1 && firstCells.slice(1).every((c) => !cellValue(c, delimiter).ok);
  const data = header ? rows.slice(1) : rows;
  const top = data[0];
  if (top === undefined) return fail('the file has a header row but no examples');
  const width = cellsOf(top.text).length - 1;
  if (width < 1)
    return fail(`line ${top.line} has only one cell: each row is a label followed by pixel values`);
  const wanted = options.shape ?? null;
  const shape = shapeFor(width, wanted);
  if (shape === null) {
    const net =
      wanted === null
        ? ''
        : `, and the network's input ${formatShape(wanted)} takes ${wanted.reduce((a, b) => a * b, 1)}`;
    return fail(
      `line ${top.line} has ${width} values after the label: not a square image (W x W or 3 x W x W)${net}`,
    );
  }
  if (data.length * width > LIMITS.values) {
    return fail(
      `${formatCount(data.length)} examples of ${formatCount(width)} values are over the limit of ${formatCount(LIMITS.values)} values`,
    );
  }

  const values = new Float64Array(data.length * width);
  const labelTexts: string[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (row === undefined) continue;
    const cells = cellsOf(row.text);
    if (cells.length !== width + 1) {
      return fail(
        `line ${row.line} has ${cells.length} cells, but line ${top.line} has ${width + 1} (a label and ${width} values)`,
      );
    }
    labelTexts.push((cells[0] ?? '').trim());
    for (let k = 0; k < width; k++) {
      const v = cellValue(cells[k + 1] ?? '', delimiter);
      if (!v.ok) return fail(`line ${row.line}, column ${k + 2}: ${v.message}`);
      values[r * width + k] = v.value;
    }
  }

  const labels = readLabels(
    labelTexts,
    data.map((d) => d.line),
  );
  if (typeof labels === 'string') return fail(labels);
  let pixels = values.length > 0;
  let max = 0;
  for (const v of values) {
    if (!(Number.isInteger(v) && v >= 0 && v <= 255)) pixels = false;
    if (v > max) max = v;
  }
  const scale = pixels && max > 1 ? 1 / 255 : 1;
  if (scale !== 1)
    issues.warn('', `${name}: the values are whole numbers from 0 to 255, read as pixels and divided by 255`);
  const examples: Example[] = labels.numbers.map((label, r) => ({
    input: { shape, data: values.slice(r * width, (r + 1) * width).map((v) => v * scale) },
    label,
    target: null,
  }));
  return issues.result({ classes: labels.names, examples });
}

/** Labels as class numbers: whole numbers as they are, or names numbered in order of appearance. */
function readLabels(
  texts: readonly string[],
  lines: readonly number[],
): { numbers: number[]; names: string[] | null } | string {
  const asNumbers = texts.map((t) => parseCellNumber(t));
  if (asNumbers.every((n) => n.ok)) {
    const numbers: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const n = asNumbers[i];
      const v = n?.ok === true ? n.value : NaN;
      if (!Number.isInteger(v) || v < 0 || v >= LIMITS.dimension) {
        return `line ${lines[i] ?? 0}: the label ${texts[i] ?? ''} is not a class number (0, 1, 2, ...)`;
      }
      numbers.push(v);
    }
    return { numbers, names: null };
  }
  const empty = texts.findIndex((t) => t === '');
  if (empty !== -1) return `line ${lines[empty] ?? 0}: the label (the first cell) is empty`;
  const names: string[] = [];
  const numbers = texts.map((t) => {
    let k = names.indexOf(t);
    if (k === -1) k = names.push(t) - 1;
    return k;
  });
  if (names.length > LIMITS.dimension)
    return `the file has ${formatCount(names.length)} different labels; at most ${LIMITS.dimension} classes`;
  return { numbers, names };
}
