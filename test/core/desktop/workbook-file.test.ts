import type * as fs from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  displayName,
  MAX_INPUT_BYTES,
  readInputFile,
  readWorkbookFile,
  workbookProblems,
  type ReadFs,
} from '../../../src-main/workbook-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convsheet-workbook-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sample = join(import.meta.dirname, '../../../samples/workbooks/edge-detectors.convsheet.json');

describe('opening files', () => {
  it('reads a workbook the engine accepts, text unchanged', async () => {
    const read = await readWorkbookFile(sample);
    expect(read).toEqual({ ok: true, value: readFileSync(sample, 'utf8') });
  });

  it('refuses a file that is not a workbook, naming the file and the problem', async () => {
    const notJson = join(dir, 'broken.convsheet.json');
    writeFileSync(notJson, '{"format": "convsheet", "version": 1,');
    const read = await readWorkbookFile(notJson);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.message).toMatch(
        /^broken\.convsheet\.json is not a workbook ConvSheet can open:\nnot valid JSON/,
      );

    const examples = join(dir, 'strokes.json');
    writeFileSync(examples, JSON.stringify({ format: 'convsheet-examples', version: 1, examples: [] }));
    const second = await readWorkbookFile(examples);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toContain('format: not a ConvSheet workbook');
  });

  it('lists at most three problems of a workbook with many', () => {
    const text = JSON.stringify({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 2, 2], data: ['a', 'b', 'c', 'd'] },
      layers: [],
    });
    const problems = workbookProblems(text) ?? '';
    expect(problems.split('\n')).toHaveLength(4);
    expect(problems).toContain('input.data[0]');
    expect(problems.split('\n')[3]).toBe('(and 1 more)');
    expect(workbookProblems(readFileSync(sample, 'utf8'))).toBeNull();
  });

  it('says plainly when the file is missing or is a folder', async () => {
    const missing = await readWorkbookFile(join(dir, 'gone.convsheet.json'));
    expect(missing).toEqual({
      ok: false,
      message: `${join(dir, 'gone.convsheet.json')} could not be read: it does not exist.`,
    });
    expect(await readWorkbookFile(dir)).toEqual({ ok: false, message: `${dir} is not a file.` });
  });

  it('refuses an input file over the limit before reading it', async () => {
    let read = false;
    const huge: ReadFs = {
      stat: (() =>
        Promise.resolve({ isFile: () => true, size: MAX_INPUT_BYTES + 1 })) as unknown as typeof fs.stat,
      readFile: (() => {
        read = true;
        return Promise.resolve(Buffer.alloc(0));
      }) as unknown as typeof fs.readFile,
    };
    const result = await readInputFile('/w/photo.png', huge);
    expect(result).toEqual({ ok: false, message: 'photo.png is 64.0 MB; the limit is 64.0 MB.' });
    expect(read).toBe(false);
  });

  it('imports images, grids and workbooks as bytes, and nothing else', async () => {
    const csv = join(dir, 'plus.csv');
    writeFileSync(csv, '0,1,0\n1,1,1\n0,1,0\n');
    const read = await readInputFile(csv);
    expect(read.ok && [...read.value.slice(0, 4)]).toEqual([48, 44, 49, 44]);
    const exe = await readInputFile(join(dir, 'setup.exe'));
    expect(exe).toEqual({
      ok: false,
      message: 'setup.exe: import a PNG or JPEG image, a CSV grid or a workbook.',
    });
  });

  it('calls a workbook by its file name, or Untitled', () => {
    expect(displayName(null)).toBe('Untitled');
    expect(displayName(join(dir, 'a b.convsheet.json'))).toBe('a b.convsheet.json');
  });
});
