import * as fs from 'node:fs/promises';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryPathFor, writeFileAtomic, type AtomicWriteFs } from '../../../src-main/atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convsheet-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const OLD = '{"format": "convsheet", "old": true}\n';
const NEW = `{"format": "convsheet", "new": "${'x'.repeat(100_000)}"}\n`;

/** Real fs, except for the operations a test replaces. */
function fsWith(overrides: Partial<AtomicWriteFs>): AtomicWriteFs {
  return {
    open: fs.open,
    rename: fs.rename,
    rm: fs.rm,
    stat: fs.stat,
    realpath: fs.realpath,
    chmod: fs.chmod,
    ...overrides,
  };
}

describe('atomic file writes', () => {
  it('creates a new file and replaces an existing one, leaving no temporary file', async () => {
    const target = join(dir, 'lesson.convsheet.json');
    await writeFileAtomic(target, OLD);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    await writeFileAtomic(target, NEW);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(readdirSync(dir)).toEqual(['lesson.convsheet.json']);
  });

  it('writes bytes as given', async () => {
    const target = join(dir, 'map.png');
    await writeFileAtomic(target, new Uint8Array([137, 80, 78, 71, 0, 255]));
    expect([...readFileSync(target)]).toEqual([137, 80, 78, 71, 0, 255]);
  });

  it('puts the temporary file beside the target, so the rename stays on one file system', () => {
    const temporary = temporaryPathFor(join(dir, 'a.convsheet.json'));
    expect(temporary.startsWith(join(dir, '.a.convsheet.json.'))).toBe(true);
    expect(temporary.endsWith('.tmp')).toBe(true);
    expect(temporaryPathFor(join(dir, 'a.convsheet.json'))).not.toBe(temporary);
  });

  it('a crash between writing and renaming leaves the old file intact', async () => {
    const target = join(dir, 'lesson.convsheet.json');
    writeFileSync(target, OLD);
    let reachedRename!: () => void;
    const atRename = new Promise<void>((resolve) => (reachedRename = resolve));
    // The process "dies" at the rename: it never happens, and nothing after it runs.
    const crashing = fsWith({
      rename: () => {
        reachedRename();
        return new Promise<void>(() => undefined);
      },
    });
    void writeFileAtomic(target, NEW, { fs: crashing });
    await atRename;
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    // The new text was complete and flushed in the temporary file: only the rename was missing.
    const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(readFileSync(join(dir, leftovers[0] ?? ''), 'utf8')).toBe(NEW);
  });

  it('a write that fails halfway (disk full) leaves the old file intact and removes the partial copy', async () => {
    const target = join(dir, 'lesson.convsheet.json');
    writeFileSync(target, OLD);
    const diskFull = fsWith({
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        const writeFile = async (data: string | Uint8Array): Promise<void> => {
          const bytes = typeof data === 'string' ? Buffer.from(data) : data;
          await handle.write(bytes.subarray(0, bytes.length / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        };
        const partial = { writeFile, sync: () => handle.sync(), close: () => handle.close() };
        return partial as unknown as fs.FileHandle;
      },
    });
    await expect(writeFileAtomic(target, NEW, { fs: diskFull })).rejects.toThrow('ENOSPC');
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['lesson.convsheet.json']);
  });

  it('a failed rename removes the temporary file and reports the error', async () => {
    const target = join(dir, 'lesson.convsheet.json');
    writeFileSync(target, OLD);
    const failing = fsWith({
      rename: () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })),
    });
    await expect(writeFileAtomic(target, NEW, { fs: failing })).rejects.toThrow('EXDEV');
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['lesson.convsheet.json']);
  });

  it('retries a rename refused while another program holds the file (Windows), then succeeds', async () => {
    const target = join(dir, 'lesson.convsheet.json');
    writeFileSync(target, OLD);
    let attempts = 0;
    const busy = fsWith({
      rename: (from, to) => {
        attempts++;
        if (attempts < 3) return Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }));
        return fs.rename(from, to);
      },
    });
    await writeFileAtomic(target, NEW, { fs: busy, retryDelaysMs: [1, 1, 1] });
    expect(attempts).toBe(3);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
  });

  it('writes through a symlink to the file it points to', async () => {
    const real = join(dir, 'real.convsheet.json');
    const link = join(dir, 'link.convsheet.json');
    writeFileSync(real, OLD);
    symlinkSync(real, link);
    await writeFileAtomic(link, NEW);
    expect(readFileSync(real, 'utf8')).toBe(NEW);
    expect(statSync(link, { throwIfNoEntry: true }).isFile()).toBe(true);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'shared.convsheet.json');
    writeFileSync(target, OLD, { mode: 0o640 });
    await fs.chmod(target, 0o640);
    await writeFileAtomic(target, NEW);
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });
});
