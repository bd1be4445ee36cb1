import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { readWorkbook } from '../../src-core/sheet/read';
import { writeWorkbook } from '../../src-core/sheet/write';
import {
  addRecent,
  keepLast,
  readLast,
  recentWorkbooks,
  STORE_KEYS,
  STORE_LIMITS,
} from '../../src-renderer/files/browser-store';
import {
  exportFileName,
  safeFileBase,
  viewOf,
  withView,
  workbookFileName,
} from '../../src-renderer/files/document';
import { DEFAULT_VIEW, type ViewSettings } from '../../src-renderer/view';

/** A Storage that refuses anything past `capacity` characters, as a full localStorage does. */
class SmallStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly capacity: number) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const others = [...this.items].filter(([k]) => k !== key).reduce((n, [, v]) => n + v.length, 0);
    if (others + value.length > this.capacity) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const view: ViewSettings = { zoom: 1, scale: 'fastai', normalise: 'sheet', decimals: 3 };

describe('view settings saved under the workbook ui key', () => {
  it('writes zoom, colour scale, normalisation and decimals, keeps other ui keys, and reads them back', () => {
    const workbook = { ...firstRunWorkbook(), ui: { lesson: 'edges' } };
    const saved = withView(workbook, view);
    expect(saved.ui).toEqual({
      lesson: 'edges',
      zoom: 1,
      colourScale: 'fastai',
      normalise: 'sheet',
      decimals: 3,
    });
    const text = writeWorkbook(saved);
    const back = readWorkbook(text);
    if (!back.ok) throw new Error('not read');
    expect(viewOf(back.value, DEFAULT_VIEW)).toEqual(view);
    // Save then open then save again gives the same text: nothing is lost or added on the way.
    expect(writeWorkbook(withView(back.value, view))).toBe(text);
  });

  it('keeps the current setting for each value that is missing or out of range', () => {
    const workbook = {
      ...firstRunWorkbook(),
      ui: { zoom: 7, colourScale: 'rainbow', normalise: 'grid', decimals: 2.5 },
    };
    expect(viewOf(workbook, DEFAULT_VIEW)).toEqual({ ...DEFAULT_VIEW, normalise: 'grid' });
    expect(viewOf(firstRunWorkbook(), DEFAULT_VIEW)).toBeNull();
    expect(viewOf({ ...firstRunWorkbook(), ui: [1, 2] }, DEFAULT_VIEW)).toBeNull();
  });
});

describe('file names', () => {
  it('saves under the name opened, else the title with .convsheet.json', () => {
    expect(workbookFileName('lesson 3.convsheet.json', firstRunWorkbook())).toBe('lesson 3.convsheet.json');
    expect(workbookFileName(null, firstRunWorkbook())).toBe('Digit edges (fast.ai layout).convsheet.json');
    expect(workbookFileName(null, { ...firstRunWorkbook(), name: 'a/b: c?' })).toBe('a-b- c.convsheet.json');
  });

  it('names exports after the document and what they hold', () => {
    expect(exportFileName('digit.convsheet.json', 'conv1 filter 1 · ch 2', 'csv')).toBe(
      'digit - conv1 filter 1 · ch 2.csv',
    );
    expect(safeFileBase('...')).toBe('workbook');
    expect(safeFileBase('x'.repeat(200))).toHaveLength(80);
  });
});

describe('what the browser keeps between visits', () => {
  it('keeps the last workbook and reads it back', () => {
    const storage = new SmallStorage(1_000_000);
    const text = writeWorkbook(firstRunWorkbook());
    expect(keepLast(storage, { fileName: 'd.convsheet.json', text, dirty: true, savedAt: 5 })).toBeNull();
    expect(readLast(storage)).toEqual({ fileName: 'd.convsheet.json', text, dirty: true, savedAt: 5 });
  });

  it('refuses a workbook over the size limit with a message, and forgets the older copy', () => {
    const storage = new SmallStorage(10_000_000);
    keepLast(storage, { fileName: null, text: 'old', dirty: false, savedAt: 1 });
    const big = 'x'.repeat(STORE_LIMITS.last + 1);
    expect(keepLast(storage, { fileName: null, text: big, dirty: true, savedAt: 2 })).toBe(
      'This workbook (2.5 million characters) is too large to keep in the browser between visits (at most 2.5 million characters): save it (Ctrl+S) to keep it.',
    );
    expect(storage.getItem(STORE_KEYS.last)).toBeNull();
  });

  it('says so when the browser storage is full', () => {
    const storage = new SmallStorage(100);
    expect(keepLast(storage, { fileName: null, text: 'y'.repeat(200), dirty: true, savedAt: 2 })).toMatch(
      /^The browser refused to keep this workbook between visits/,
    );
    expect(readLast(storage)).toBeNull();
  });

  it('lists recent workbooks newest first, one entry per name, at most six', () => {
    const storage = new SmallStorage(1_000_000);
    for (let i = 1; i <= 8; i++)
      addRecent(storage, { fileName: `w${i}.convsheet.json`, text: `${i}`, savedAt: i });
    addRecent(storage, { fileName: 'w5.convsheet.json', text: 'again', savedAt: 9 });
    const names = recentWorkbooks(storage).map((r) => `${r.fileName}=${r.text}`);
    expect(names).toEqual([
      'w5.convsheet.json=again',
      'w8.convsheet.json=8',
      'w7.convsheet.json=7',
      'w6.convsheet.json=6',
      'w4.convsheet.json=4',
      'w3.convsheet.json=3',
    ]);
  });

  it('drops the oldest recent entries when storage is short', () => {
    const storage = new SmallStorage(300);
    for (let i = 1; i <= 4; i++) addRecent(storage, { fileName: `w${i}`, text: 'z'.repeat(60), savedAt: i });
    const names = recentWorkbooks(storage).map((r) => r.fileName);
    expect(names[0]).toBe('w4');
    expect(names.length).toBeLessThan(4);
  });
});
