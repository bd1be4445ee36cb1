import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { bad, digest, exampleCases, expectRefused, tinyWorkbook } from './bad-files-support';

// Bad example sets given to `learn`: refused before any step, the workbook and --out left alone.

describe('bad example sets as learn --examples: exit 1, one line naming the set and the problem', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'convsheet-bad-')), 'learned.convsheet.json');
  const before = digest(tinyWorkbook);
  it.each(exampleCases)('%s (--loss %s)', (name, loss, message) => {
    const run = runCli('learn', tinyWorkbook, '--examples', bad(name), '--loss', loss, '--out', out);
    expectRefused(run, bad(name), message);
    expect(existsSync(out), '--out is not written').toBe(false);
    expect(digest(tinyWorkbook), 'the workbook is unchanged').toBe(before);
  });
});
