import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from '../support/cli';

// The bad-file corpus (test/fixtures/bad, made by scripts/make-samples.mjs) and what is expected of it:
// every file is refused with exit 1 and one line on stderr naming the file and the problem, nothing on
// stdout, no stack trace, and the workbook the command was given is left as it was.

export const badDir = join(import.meta.dirname, '../../fixtures/bad');
export const bad = (name: string): string => join(badDir, name);
/** The workbook the input files and example sets are tried against: input 1 x 4 x 4, output 2 x 1 x 1. */
export const tinyWorkbook = join(import.meta.dirname, '../../fixtures/io/tiny.convsheet.json');

/** The files of the corpus (its README aside). */
export function corpusFiles(): string[] {
  return readdirSync(badDir).filter((f) => f !== 'README.md');
}

/** A file's SHA-256, to show that a failed command left it as it was. */
export function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A refusal: exit 1, stdout empty, one stderr line `convsheet: FILE: MESSAGE` with no stack trace. */
export function expectRefused(run: CliRun, file: string, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  const prefix = `convsheet: ${file}: `;
  expect(run.stderr.startsWith(prefix), run.stderr).toBe(true);
  expect(run.stderr.endsWith('\n') && run.stderr.split('\n').length === 2, 'one line').toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  const rest = run.stderr.slice(prefix.length, -1);
  if (typeof message === 'string') expect(rest).toBe(message);
  else expect(rest).toMatch(message);
}

/** [file, the message after "convsheet: FILE: ", exactly or as a pattern]: `eval tiny --input FILE`. */
export const inputCases: [string, string | RegExp][] = [
  ['empty.csv', 'the file is empty'],
  ['blank-lines.csv', 'the file is empty: a CSV grid needs at least one row of numbers'],
  [
    'ragged.csv',
    'row 3 has 2 cells but row 1 has 3: every row of the grid needs the same number of cells (comma-separated)',
  ],
  ['non-numeric.csv', 'row 2, column 2 (B2): "abc" is not a number'],
  ['header-only.csv', 'the file has a header row but no rows of numbers'],
  ['unclosed-quote.csv', 'row 2: a quoted cell is not closed or has a stray quote (")'],
  ['png-named.csv', 'not a CSV text file: it holds a PNG image'],
  // 5000 comma-separated zeros on one line; 5000 lines of one zero: counted before parsing.
  ['too-wide-5000-columns.csv', 'row 1 has 5,000 cells, over the limit of 4096 rows or columns'],
  ['too-tall-5000-rows.csv', 'the file has 5,000 rows, over the limit of 4096 rows or columns'],
  ['empty.png', 'the file is empty'],
  ['truncated.png', 'the PNG file is truncated: its last chunk (IEND) is missing'],
  ['text.png', 'not a PNG image: the file holds text'],
  [
    'gif-named.png',
    'GIF images are read by the app only; the command line reads PNG and JPEG (convert the image first)',
  ],
  [
    'huge-20000x20000.png',
    'the PNG image is 20000 x 20000 pixels (400,000,000), over the limit of 16,384 pixels per side and 40,000,000 pixels in all; scale it down first',
  ],
  ['damaged.png', 'the PNG file is damaged and cannot be decoded (Error while decompressing the data)'],
  ['zero-size.png', 'the PNG image claims to be 0 x 0 pixels: an image needs at least 1 x 1'],
  // A 1 x 1 header first, then one claiming 16000 x 16000, which fast-png alone would believe.
  ['two-headers.png', 'the PNG file is damaged: it has a second header (IHDR) claiming 16000 x 16000 pixels'],
  // 64 MB of zeros deflated into 64 KB behind a 1 x 1 RGBA header, which needs 5 bytes (filter + RGBA).
  [
    'bomb-1x1.png',
    'the PNG file is damaged: its image data unpacks to more than the 1 x 1 pixels need (a decompression bomb?)',
  ],
  // 4 rows of a filter byte and 4 RGBA pixels: 4 x 17 = 68 bytes; the file's data inflates to 10.
  ['short-data.png', 'the PNG file is damaged: its image data holds 10 bytes, 4 x 4 pixels need 68'],
  ['empty.jpg', 'the file is empty'],
  ['truncated.jpg', 'the JPEG file is truncated: its end-of-image marker is missing'],
  ['text.jpg', 'not a JPEG image: the file holds JSON text'],
  [
    'huge-20000x20000.jpg',
    'the JPEG image is 20000 x 20000 pixels (400,000,000), over the limit of 16,384 pixels per side and 40,000,000 pixels in all; scale it down first',
  ],
  ['no-frame.jpg', 'the JPEG file has no frame header (SOF) before its image data'],
  ['empty.convsheet.json', 'the file is empty'],
  ['truncated.convsheet.json', /^not valid JSON at line 1, column 83/],
  ['wrong-format.convsheet.json', /"format" must be "convsheet".*example set/],
  ['wrong-version.convsheet.json', /version 2.*newer ConvSheet/],
  ['not-json.convsheet.json', 'not a JSON file: it holds a PNG image'],
  ['shape-only.convsheet.json', 'input: no data (this workbook describes shapes only); --input needs values'],
  [
    'unknown.docx',
    'unknown kind of input file ".docx": give a .csv grid, a .png or .jpg image, or a .convsheet.json workbook',
  ],
];

const nanHint = '(NaN and Infinity are not JSON numbers; every value must be finite)';

/** `eval FILE` (and `export FILE`): workbooks that each break one rule. */
export const workbookCases: [string, string | RegExp][] = [
  ['empty.convsheet.json', /./],
  ['truncated.convsheet.json', /./],
  ['wrong-format.convsheet.json', /"format" must be "convsheet"/],
  ['wrong-version.convsheet.json', /version 2/],
  ['not-json.convsheet.json', /./],
  ['shape-only.convsheet.json', /input: no data/],
  [
    'nan-literal.convsheet.json',
    new RegExp(`^not valid JSON at line 1, column \\d+: .*found "N" ${esc(nanHint)}$`),
  ],
  [
    'infinity-literal.convsheet.json',
    new RegExp(`^not valid JSON at line 1, column \\d+: .* ${esc(nanHint)}$`),
  ],
  [
    '1e999.convsheet.json',
    'layers[0].weight.data[0]: layers[0] (conv1): weight.data[0] must be a finite number; got Infinity (a number too large for float64, such as 1e999)',
  ],
  [
    'string-in-data.convsheet.json',
    'layers[0].weight.data[0]: layers[0] (conv1): weight.data[0] must be a finite number; got "0.5"',
  ],
  [
    'channel-mismatch.convsheet.json',
    'layers[0].weight.shape[1]: layers[0] (conv1): conv1 expects 3 input channels (weight shape 1 x 3 x 1 x 1) but 1 channel reaches it (the input is 1 x 4 x 4)',
  ],
  // 4 rows + 2 x 1 padding = 6 < 7: the kernel cannot fit on either axis (two problems).
  [
    'kernel-too-big.convsheet.json',
    'layers[0].weight.shape[2]: layers[0] (conv1): kernel 7 needs 7 input rows, the input has 4 (plus padding 1 on each side) (and 1 more problem)',
  ],
  // Reflect padding p needs p + 1 rows and columns: 5 > 4, on both axes.
  [
    'reflect-too-big.convsheet.json',
    "layers[0].padding: layers[0] (conv1): reflect padding 4 needs at least 5 input rows (reflection does not repeat the edge; PyTorch's rule), the input has 4 (and 1 more problem)",
  ],
  ['101-layers.convsheet.json', 'the workbook has 101 layers, over the limit of 100'],
  ['input-4097-wide.convsheet.json', 'input.shape[2]: input: shape[2] (W) is 4097, over the limit of 4096'],
  [
    'data-count.convsheet.json',
    'input.data[15]: input: data has 15 values, its shape 1 x 4 x 4 needs 16 (1 missing)',
  ],
  // "ui" nested 1000 deep: JSON.parse takes it, but writing it back would overflow the stack.
  [
    'deep-ui.convsheet.json',
    '"ui" nests lists or objects more than 64 deep; ConvSheet\'s own settings never do',
  ],
];

/** `learn tiny --examples FILE --loss LOSS`: example sets that each break one rule. */
export const exampleCases: [string, 'ce' | 'mse', string | RegExp][] = [
  [
    'wrong-format.examples.json',
    'ce',
    'not a ConvSheet example set: "format" must be "convsheet-examples"; got "convsheet" (this is a workbook, not an example set)',
  ],
  [
    'label-out-of-range.examples.json',
    'ce',
    'examples[0].label is 5, but the set names 2 classes (labels 0 to 1)',
  ],
  // tiny's output is 2 x 1 x 1 (fc1); the target is 3 x 1 x 1.
  [
    'target-wrong-shape.examples.json',
    'mse',
    'examples[0].target.shape is 3 x 1 x 1 but the output of layers[2] (fc1) is 2 x 1 x 1',
  ],
  // Three nested rows of 4, 3 and 1 values instead of one flat list: three bad values.
  [
    'ragged-data.examples.json',
    'ce',
    'examples[0].input.data[0] must be a finite number; got a list [0, 0, 0, 0] (the values are one flat list, row-major) (and 2 more problems)',
  ],
  ['empty-list.examples.json', 'ce', 'the example set has no examples to learn from'],
  // 4096^3 = 68,719,476,736: refused by counting, nothing allocated for the shape.
  [
    'enormous-shape.examples.json',
    'ce',
    'examples[0].input.data has 1 value; its shape 4096 x 4096 x 4096 holds 68,719,476,736',
  ],
  [
    'mixed-shapes.examples.json',
    'ce',
    "examples[1].input.shape is 1 x 2 x 2 but the workbook's input is 1 x 4 x 4",
  ],
  [
    'nan-literal.examples.json',
    'ce',
    new RegExp(`^not valid JSON at line 1, column \\d+: .*found "N" ${esc(nanHint)}$`),
  ],
  [
    'no-label.examples.json',
    'ce',
    'examples[0] has neither a "label" (for bce or ce) nor a "target" (for mse)',
  ],
  ['truncated.examples.json', 'ce', /^not valid JSON at line 1, column 61: /],
];

/** IDX files have no command-line path: read by readIdx as the app and the sample scripts do. */
export const idxCases: [string, string][] = [
  [
    'not-idx-images-idx3-ubyte',
    'not an IDX file (it should start with 00 00, a type code 08-0E and 1-4 dimensions)',
  ],
  // 16 header bytes + 10 x 28 x 28 = 7856 bytes claimed; 16 + 2 x 28 x 28 = 1584 present.
  [
    'truncated-images-idx3-ubyte',
    'the file is cut short: 10 x 28 x 28 ubyte values need 7856 bytes, it has 1584',
  ],
  ['gzipped-labels-idx1-ubyte', 'the file is gzipped; decompress it first'],
  ['huge-dims-images-idx3-ubyte', '4000000000 x 4000000000 x 28 values is over the limit of 67108864'],
  ['zero-dims-images-idx3-ubyte', 'dimension 2 of 5 x 0 x 28 is 0: the file holds no values'],
  // float32 values 1.0 (3f 80 00 00) and NaN (7f c0 00 00).
  ['nan-values-idx1-float', 'value 1 (counting from 0) is NaN; every value must be a finite number'],
];

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
