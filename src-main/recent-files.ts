/**
 * The Open Recent list: most recent first, each file once, at most ten, kept in
 * `<userData>/recent-files.json`. Paths compare without case on Windows and macOS, whose usual file
 * systems ignore case, so one file opened as `Digit.convsheet.json` and `digit.convsheet.json` is listed once.
 */
import { basename } from 'node:path';
import type { RecentFile } from './ipc';
import { readJsonFile, writeJsonFile, type SettingsFs } from './json-file';

export const RECENT_LIMIT = 10;
const FORMAT = 'convsheet-recent-files';

export interface RecentOptions {
  readonly platform: NodeJS.Platform;
  readonly limit?: number;
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The list with `path` moved (or added) to the front and trimmed to the limit. */
export function withRecent(list: readonly string[], path: string, options: RecentOptions): string[] {
  const rest = list.filter((p) => !samePath(p, path, options.platform));
  return [path, ...rest].slice(0, options.limit ?? RECENT_LIMIT);
}

export function withoutRecent(list: readonly string[], path: string, options: RecentOptions): string[] {
  return list.filter((p) => !samePath(p, path, options.platform));
}

/** The paths in a settings file's JSON; anything that is not a list of paths counts as an empty list. */
export function parseRecent(json: unknown, options: RecentOptions): string[] {
  if (typeof json !== 'object' || json === null) return [];
  const o = json as Record<string, unknown>;
  if (o.format !== FORMAT || !Array.isArray(o.files)) return [];
  let list: string[] = [];
  for (const p of [...(o.files as unknown[])].reverse()) {
    if (typeof p === 'string' && p.length > 0) list = withRecent(list, p, options);
  }
  return list;
}

export class RecentFiles {
  private paths: string[] = [];
  /** Writes run one after another, each writing the list as it is then, so the last state lands last. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    readonly options: RecentOptions & { readonly fs?: SettingsFs },
  ) {}

  async load(): Promise<void> {
    this.paths = parseRecent(await readJsonFile(this.file, this.options.fs), this.options);
  }

  list(): RecentFile[] {
    return this.paths.map((path) => ({ path, name: basename(path) }));
  }

  add(path: string): Promise<void> {
    this.paths = withRecent(this.paths, path, this.options);
    return this.persist();
  }

  remove(path: string): Promise<void> {
    this.paths = withoutRecent(this.paths, path, this.options);
    return this.persist();
  }

  clear(): Promise<void> {
    this.paths = [];
    return this.persist();
  }

  private persist(): Promise<void> {
    const write = (): Promise<void> =>
      writeJsonFile(this.file, { format: FORMAT, version: 1, files: this.paths }, this.options.fs);
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
