import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

// The bad-file corpus (test/fixtures/bad, made by scripts/make-samples.mjs): every file is refused with
// exit 1 and one line on stderr naming the file and the problem; nothing is written to stdout.
const bad = (name: string) => join(import.meta.dirname, '../../fixtures/bad', name);
const workbook = join(import.meta.dirname, '../../fixtures/io/tiny.convsheet.json');

/** [file, the message after "convsheet: FILE: ", exactly or as a pattern]. */
const asInput: [string, string | RegExp][] = [
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
  ['empty.jpg', 'the file is empty'],
  ['truncated.jpg', 'the JPEG file is truncated: its end-of-image marker is missing'],
  ['text.jpg', 'not a JPEG image: the file holds JSON text'],
  [
    'huge-20000x20000.jpg',
    'the JPEG image is 20000 x 20000 pixels (400,000,000), over the limit of 16,384 pixels per side and 40,000,000 pixels in all; scale it down first',
  ],
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
  ['missing.csv', 'no such file'],
];

function expectRefused(run: ReturnType<typeof runCli>, file: string, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  const prefix = `convsheet: ${file}: `;
  expect(run.stderr.startsWith(prefix), run.stderr).toBe(true);
  expect(run.stderr.endsWith('\n') && run.stderr.split('\n').length === 2, 'one line').toBe(true);
  const rest = run.stderr.slice(prefix.length, -1);
  if (typeof message === 'string') expect(rest).toBe(message);
  else expect(rest).toMatch(message);
}

describe('bad files as eval --input: exit 1, one line naming the file and the problem', () => {
  it.each(asInput)('%s', (name, message) => {
    expectRefused(runCli('eval', workbook, '--input', bad(name)), bad(name), message);
  });
});

describe('bad workbooks: eval and export refuse them the same way', () => {
  const workbooks: [string, string | RegExp][] = [
    ['empty.convsheet.json', /./],
    ['truncated.convsheet.json', /./],
    ['wrong-format.convsheet.json', /"format" must be "convsheet"/],
    ['wrong-version.convsheet.json', /version 2/],
    ['not-json.convsheet.json', /./],
    ['shape-only.convsheet.json', /input: no data/],
  ];
  it.each(workbooks)('%s', (name, message) => {
    expectRefused(runCli('eval', bad(name)), bad(name), message);
    expectRefused(
      runCli('export', bad(name), '--xlsx', join(import.meta.dirname, 'never-written.xlsx')),
      bad(name),
      message,
    );
  });
});
