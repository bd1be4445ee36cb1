import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvGrid } from '../../../src-core/io/csv';
import { parseCellNumber } from '../../../src-core/io/number-text';
import { decodeImage } from '../../../src-cli/image-file';
import { pngAllocationIssue, pngDataSize } from '../../../src-cli/png-check';
import { runCli } from '../support/cli';

// Claims of huge sizes are refused before anything that size is allocated: CSV files are measured
// before papaparse builds their cells, PNG chunks before fast-png inflates them, workbook files before
// they are read. Each guard is timed against the size it protects: a 10 MB file refused in well under
// the time parsing it would take.

function csvMessage(text: string): string {
  const read = readCsvGrid(text);
  return read.ok ? 'read' : (read.errors[0]?.message ?? '');
}

function timedMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('CSV files are measured before they are parsed', () => {
  it('one line of 5,000,001 cells (10 MB) is refused by counting', () => {
    let message = '';
    const ms = timedMs(() => (message = csvMessage(`${'1,'.repeat(5_000_000)}1\n`)));
    expect(message).toBe('row 1 has 5,000,001 cells, over the limit of 4096 rows or columns');
    // Parsing it built 5 million strings (about 300 ms and 300 MB before the guard); counting is one pass.
    expect(ms).toBeLessThan(1000);
  });

  it('a wide row after narrow ones, and a flood of 5 million lines, are refused the same way', () => {
    expect(csvMessage(`1\n2\n${'3;'.repeat(9999)}3\n`)).toBe(
      'row 3 has 10,000 cells, over the limit of 4096 rows or columns',
    );
    expect(csvMessage('1\n'.repeat(5_000_000))).toBe(
      'the file has 5,000,000 rows, over the limit of 4096 rows or columns',
    );
    // Lines of separators only are blank rows, skipped, but papaparse still builds their cells:
    // 8200 lines of 4097 empty cells, 33.6 million, more than twice a full 4097 x 4097 grid (33.57 million).
    const separators = `1\n${`${','.repeat(4096)}\n`.repeat(8200)}`;
    expect(csvMessage(separators)).toBe(
      'the file has 8,202 lines and 33,587,200 separators, more cells than a grid over the limit of 4096 rows or columns can hold',
    );
  });

  it('a grid at the limit is still read: a header over 4096 rows, a separator ending every line', () => {
    // The guard allows one row more (a header) and one cell more (a trailing separator) than the limit.
    const tall = readCsvGrid(`x,\n${'0.5,\n'.repeat(4096)}`);
    // The header keeps its cells as written: "x," is "x" and an empty one.
    expect(tall.ok && [tall.value.height, tall.value.width, tall.value.header]).toEqual([4096, 1, ['x', '']]);
    const wide = readCsvGrid(`${'0.5,'.repeat(4096)}\n`);
    expect(wide.ok && [wide.value.height, wide.value.width]).toEqual([1, 4096]);
  });

  it('a cell quoted in a message shows a line break as \\n, so the message stays one line', () => {
    expect(parseCellNumber('1\n2')).toEqual({ ok: false, message: '"1\\n2" is not a number' });
    expect(parseCellNumber('\u001b[2J')).toEqual({ ok: false, message: '"\\u001b[2J" is not a number' });
  });
});

/** A PNG chunk: length, type, data, and the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG with the given scanline bytes (filter bytes included), interlaced or not. */
function png(width: number, height: number, scanlines: number[], interlaced: boolean): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, interlaced ? 1 : 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.from(scanlines))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

describe('PNG data is measured before fast-png inflates it', () => {
  it('knows how many bytes the pixels need, interlaced or not', () => {
    // Non-interlaced: rows x (filter byte + packed row). 8 x 8 RGBA: 8 x (1 + 32) = 264;
    // 4 x 4 gray at 1 bit: 4 x (1 + 1) = 8; 1 x 1 RGBA: 5.
    expect(pngDataSize(8, 8, 32, false)).toBe(264);
    expect(pngDataSize(4, 4, 1, false)).toBe(8);
    expect(pngDataSize(1, 1, 32, false)).toBe(5);
    // Adam7, 8 x 8 RGBA, passes of 1x1, 1x1, 2x1, 2x2, 4x2, 4x4, 8x4 pixels:
    // 5 + 5 + 9 + 2*9 + 2*17 + 4*17 + 4*33 = 271. A 1 x 1 image has only the first pass: 5.
    expect(pngDataSize(8, 8, 32, true)).toBe(271);
    expect(pngDataSize(1, 1, 32, true)).toBe(5);
  });

  it('decodes an interlaced 3 x 3 image built by hand, pixel by pixel', () => {
    // Pixel (x, y) is [10x, 10y, 100, 255]. Adam7 on 3 x 3 keeps passes 1, 4, 5, 6 and 7: (0,0); (2,0);
    // (0,2) (2,2); (1,0) then (1,2); then row 1 whole. Each pass row starts with filter byte 0.
    const p = (x: number, y: number) => [10 * x, 10 * y, 100, 255];
    const lines = [
      [0, ...p(0, 0)],
      [0, ...p(2, 0)],
      [0, ...p(0, 2), ...p(2, 2)],
      [0, ...p(1, 0)],
      [0, ...p(1, 2)],
      [0, ...p(0, 1), ...p(1, 1), ...p(2, 1)],
    ];
    const bytes = png(3, 3, lines.flat(), true);
    expect(pngAllocationIssue(bytes)).toBeNull();
    const image = decodeImage(bytes, 'png');
    if (typeof image === 'string') throw new Error(image);
    const want = [0, 1, 2].flatMap((y) => [0, 1, 2].flatMap((x) => p(x, y)));
    expect([...image.data]).toEqual(want);
  });

  it('refuses interlaced data that is one byte short of the 42 the 3 x 3 passes need', () => {
    // Passes 1, 4: 1 + 4 bytes each; 5: 1 + 8; 6: two rows of 1 + 4; 7: 1 + 12. 5 + 5 + 9 + 10 + 13 = 42.
    expect(pngAllocationIssue(png(3, 3, new Array<number>(41).fill(0), true))).toBe(
      'the PNG file is damaged: its image data holds 41 bytes, 3 x 3 pixels need 42',
    );
  });
});

describe('workbook and example-set files are measured before they are read', () => {
  it('a 300 MB workbook is refused by its size, before any of it is read', () => {
    // A sparse file: 300 MB long, nothing written, so the test needs no disk space.
    const file = join(mkdtempSync(join(tmpdir(), 'convsheet-huge-')), 'huge.convsheet.json');
    writeFileSync(file, '');
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, 300 * 2 ** 20);
    closeSync(fd);
    for (const args of [
      ['eval', file],
      ['learn', file, '--examples', file, '--loss', 'ce'],
    ]) {
      const run = runCli(...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`convsheet: ${file}: the file is 300 MB, over the limit of 256 MB\n`);
    }
  });
});
