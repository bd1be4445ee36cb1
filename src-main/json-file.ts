/**
 * The app's small settings files (recent files, window state): read forgivingly, because a missing or
 * damaged settings file must never stop the app from starting, and written atomically, so a crash while
 * writing one leaves the previous version.
 */
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write';

export type SettingsFs = AtomicWriteFs & {
  mkdir: typeof nodeFs.mkdir;
  readFile: typeof nodeFs.readFile;
};

/** The parsed JSON of `path`, or undefined when it is missing or not JSON. */
export async function readJsonFile(path: string, fs: SettingsFs = nodeFs): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeJsonFile(path: string, value: unknown, fs: SettingsFs = nodeFs): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { fs });
}
