import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import {
  bad,
  corpusFiles,
  digest,
  exampleCases,
  expectRefused,
  idxCases,
  inputCases,
  tinyWorkbook,
  workbookCases,
} from './bad-files-support';

// Bad files given to eval --input and bad workbooks given to eval and export (example sets:
// bad-files-examples.test.ts; IDX: bad-files-idx.test.ts). The corpus and its messages are listed in
// bad-files-support.ts.

describe('bad files as eval --input: exit 1, one line naming the file and the problem', () => {
  const before = digest(tinyWorkbook);
  it.each([...inputCases, ['missing.csv', 'no such file'] as [string, string]])('%s', (name, message) => {
    expectRefused(runCli('eval', tinyWorkbook, '--input', bad(name)), bad(name), message);
    expect(digest(tinyWorkbook), 'the workbook is unchanged').toBe(before);
  });
});

describe('bad workbooks: eval and export refuse them the same way, and write nothing', () => {
  const out = mkdtempSync(join(tmpdir(), 'convsheet-bad-'));
  it.each(workbookCases)('%s', (name, message) => {
    const before = digest(bad(name));
    expectRefused(runCli('eval', bad(name), '--png', join(out, 'maps')), bad(name), message);
    const xlsx = join(out, 'never-written.xlsx');
    expectRefused(runCli('export', bad(name), '--xlsx', xlsx), bad(name), message);
    expect(existsSync(xlsx), 'no spreadsheet written').toBe(false);
    expect(existsSync(join(out, 'maps')), 'no PNG folder made').toBe(false);
    expect(digest(bad(name))).toBe(before);
  });
});

describe('the corpus', () => {
  it('has at least 40 files, and every one has its expected message in a test', () => {
    const asserted = new Set([
      ...inputCases.map(([f]) => f),
      ...workbookCases.map(([f]) => f),
      ...exampleCases.map(([f]) => f),
      ...idxCases.map(([f]) => f),
    ]);
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(files.filter((f) => !asserted.has(f))).toEqual([]);
    expect([...asserted].filter((f) => !files.includes(f))).toEqual([]);
  });
});
