/**
 * Writing a file so that it is either the old file or the new one, never half of each: the bytes go to
 * a temporary file in the same folder (a rename is atomic only within one file system), are flushed to
 * the disk, and only then does a rename put them in place. A crash, a kill or a full disk before the
 * rename leaves the old file exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The part of `node:fs/promises` the write uses; tests pass one that fails at a chosen step. */
export interface AtomicWriteFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  rm: typeof nodeFs.rm;
  stat: typeof nodeFs.stat;
  realpath: typeof nodeFs.realpath;
  chmod: typeof nodeFs.chmod;
}

export interface AtomicWriteOptions {
  readonly fs?: AtomicWriteFs;
  /** Mode of a new file (an existing file keeps its own). */
  readonly mode?: number;
  /** Waits between rename attempts on Windows, where a virus scanner may hold the file for a moment. */
  readonly retryDelaysMs?: readonly number[];
}

/** The temporary file's name: hidden, beside the target, unique per attempt, recognisable if left behind. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to `path` atomically; resolves to the path actually written (symlinks followed). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<string> {
  const fs = options.fs ?? nodeFs;
  // Writing through a symlink must replace the file it points to, not the link itself.
  const target = await fs.realpath(path).catch(() => path);
  const existingMode = await fs.stat(target).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  const temporary = temporaryPathFor(target);
  let renamed = false;
  try {
    const handle = await fs.open(temporary, 'wx', existingMode ?? options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existingMode !== undefined) await fs.chmod(temporary, existingMode).catch(() => undefined);
    await renameWithRetry(fs, temporary, target, options.retryDelaysMs ?? [50, 100, 250, 500]);
    renamed = true;
  } finally {
    if (!renamed) await fs.rm(temporary, { force: true }).catch(() => undefined);
  }
  await syncFolder(fs, dirname(target));
  return target;
}

async function renameWithRetry(
  fs: AtomicWriteFs,
  from: string,
  to: string,
  delays: readonly number[],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const delay = delays[attempt];
      if ((code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * On POSIX the rename itself is only durable once the folder's entry is flushed. Windows cannot open a
 * folder for flushing; there the file system's journal still keeps the rename all-or-nothing.
 */
async function syncFolder(fs: AtomicWriteFs, folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform or file system; the data itself is already on disk.
  }
}
