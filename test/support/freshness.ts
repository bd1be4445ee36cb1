import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file below the given folders. */
export function newestSource(...dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** True when `output` is missing or older than any source below `dirs`: it needs building. */
export function isStale(output: string, ...dirs: string[]): boolean {
  return !existsSync(output) || newestSource(...dirs) > statSync(output).mtimeMs;
}
