/**
 * What the browser version keeps between visits, in localStorage: the last workbook (so a reload or a
 * closed tab loses nothing) and a short list of recently opened or saved workbooks with their text
 * (a page cannot reopen a file by its path). localStorage holds about 5 million characters per site in
 * Chromium and Firefox; the limits below leave room for both and for the other parts of the app.
 */

export const STORE_KEYS = { last: 'convsheet-last-workbook', recent: 'convsheet-recent-workbooks' } as const;

export const STORE_LIMITS = {
  /** Characters of the last workbook's text (a 28 x 28 digit workbook is about 40,000). */
  last: 2_500_000,
  /** Characters of one recent workbook; a larger one is listed only while it is the last workbook. */
  recentEach: 400_000,
  /** Workbooks in the recent list. */
  recentCount: 6,
} as const;

export interface KeptWorkbook {
  /** The file name it was opened or saved under, or null for a workbook never saved. */
  readonly fileName: string | null;
  readonly text: string;
  /** True when it holds changes that were never saved to a file. */
  readonly dirty: boolean;
  readonly savedAt: number;
}

export interface RecentWorkbook {
  readonly fileName: string;
  readonly text: string;
  readonly savedAt: number;
}

/** Null when kept; otherwise why not, for the status line. */
export type KeepOutcome = string | null;

function megabytes(chars: number): string {
  return `${(chars / 1_000_000).toFixed(1)} million characters`;
}

/**
 * Keeps the last workbook. One too large for the limit, or one the browser refuses (storage full or
 * switched off), is not kept, and the copy kept before is removed: a reload must never bring back an
 * older workbook as if it were the last one.
 */
export function keepLast(storage: Storage, kept: KeptWorkbook): KeepOutcome {
  if (kept.text.length > STORE_LIMITS.last) {
    forget(storage, STORE_KEYS.last);
    return (
      `This workbook (${megabytes(kept.text.length)}) is too large to keep in the browser between visits ` +
      `(at most ${megabytes(STORE_LIMITS.last)}): save it (Ctrl+S) to keep it.`
    );
  }
  try {
    storage.setItem(STORE_KEYS.last, JSON.stringify(kept));
    return null;
  } catch {
    forget(storage, STORE_KEYS.last);
    return 'The browser refused to keep this workbook between visits (its storage is full or switched off): save it (Ctrl+S) to keep it.';
  }
}

export function readLast(storage: Storage): KeptWorkbook | null {
  const o = parse(storage, STORE_KEYS.last);
  if (o === null || typeof o.text !== 'string' || typeof o.dirty !== 'boolean') return null;
  const fileName = typeof o.fileName === 'string' ? o.fileName : null;
  const savedAt = typeof o.savedAt === 'number' ? o.savedAt : 0;
  return { fileName, text: o.text, dirty: o.dirty, savedAt };
}

/** The recent list, newest first. */
export function recentWorkbooks(storage: Storage): RecentWorkbook[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(STORE_KEYS.recent) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is RecentWorkbook =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as RecentWorkbook).fileName === 'string' &&
      typeof (r as RecentWorkbook).text === 'string' &&
      typeof (r as RecentWorkbook).savedAt === 'number',
  );
}

/**
 * Puts a workbook at the top of the recent list (replacing one of the same name). A workbook over the
 * per-entry limit is left out; when the browser refuses the list, the oldest entries go first.
 */
export function addRecent(storage: Storage, entry: RecentWorkbook): void {
  if (entry.text.length > STORE_LIMITS.recentEach) return;
  let list = [entry, ...recentWorkbooks(storage).filter((r) => r.fileName !== entry.fileName)].slice(
    0,
    STORE_LIMITS.recentCount,
  );
  while (list.length > 0) {
    try {
      storage.setItem(STORE_KEYS.recent, JSON.stringify(list));
      return;
    } catch {
      list = list.slice(0, -1);
    }
  }
  forget(storage, STORE_KEYS.recent);
}

function parse(storage: Storage, key: string): Record<string, unknown> | null {
  try {
    const o: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function forget(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage switched off: there is nothing kept to remove.
  }
}
