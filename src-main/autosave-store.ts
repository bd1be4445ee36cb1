/**
 * Unsaved work kept in the app's data folder (`<userData>/autosave/<document id>.json`), so that a
 * crash, a killed process or a power cut costs at most the last few seconds. An entry is written while
 * its window has unsaved changes and removed when the work is saved or knowingly discarded; whatever
 * is still there when the app starts is work that was lost, and is offered back.
 */
import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write';

export interface AutosaveEntry {
  /** The document (window) the work belongs to. */
  readonly id: string;
  /** The file the work would be saved to, or null for a workbook never saved. */
  readonly path: string | null;
  /** When it was written, in milliseconds since 1970. */
  readonly savedAt: number;
  /** The workbook text. */
  readonly text: string;
}

export type AutosaveFs = AtomicWriteFs & {
  mkdir: typeof nodeFs.mkdir;
  readdir: typeof nodeFs.readdir;
  readFile: typeof nodeFs.readFile;
};

const FORMAT = 'convsheet-autosave';
const VERSION = 1;
/** Ids become file names: only this shape is accepted, so no id can reach outside the folder. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{7,63}$/;

export function newDocumentId(): string {
  return randomUUID();
}

export function isDocumentId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export class AutosaveStore {
  private readonly fs: AutosaveFs;
  private readonly now: () => number;
  /** Per id, the last write or removal: they run in order, so an older write never lands last. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    readonly folder: string,
    options: { readonly fs?: AutosaveFs; readonly now?: () => number } = {},
  ) {
    this.fs = options.fs ?? nodeFs;
    this.now = options.now ?? Date.now;
  }

  /** Keeps `text` as the unsaved work of document `id`, replacing what was kept before. */
  save(id: string, work: { readonly path: string | null; readonly text: string }): Promise<void> {
    const entry = {
      format: FORMAT,
      version: VERSION,
      id,
      path: work.path,
      savedAt: this.now(),
      text: work.text,
    };
    return this.enqueue(id, async () => {
      await this.fs.mkdir(this.folder, { recursive: true });
      await writeFileAtomic(this.fileOf(id), JSON.stringify(entry), { fs: this.fs, mode: 0o600 });
    });
  }

  /** Forgets the unsaved work of document `id` (saved, or discarded by the user). */
  remove(id: string): Promise<void> {
    return this.enqueue(id, () => this.fs.rm(this.fileOf(id), { force: true }));
  }

  /** Every entry that can be read back, oldest first; files that cannot be read are left alone. */
  async list(): Promise<AutosaveEntry[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.folder);
    } catch {
      return [];
    }
    const entries: AutosaveEntry[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!isDocumentId(id)) continue;
      const entry = parseEntry(await this.fs.readFile(join(this.folder, name), 'utf8').catch(() => ''), id);
      if (entry !== null) entries.push(entry);
    }
    return entries.sort((a, b) => a.savedAt - b.savedAt);
  }

  private fileOf(id: string): string {
    if (!isDocumentId(id)) throw new Error(`not a document id: ${JSON.stringify(id)}`);
    return join(this.folder, `${id}.json`);
  }

  private enqueue(id: string, task: () => Promise<unknown>): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(task, task).then(() => undefined);
    this.queues.set(id, next);
    const forget = (): void => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    };
    next.then(forget, forget);
    return next;
  }
}

/** An entry from a file's text, or null when the file is not one (truncated, foreign, wrong id). */
export function parseEntry(text: string, id: string): AutosaveEntry | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  if (o.format !== FORMAT || o.version !== VERSION || o.id !== id) return null;
  if (typeof o.text !== 'string' || typeof o.savedAt !== 'number' || !Number.isFinite(o.savedAt)) return null;
  if (o.path !== null && typeof o.path !== 'string') return null;
  return { id, path: o.path, savedAt: o.savedAt, text: o.text };
}
