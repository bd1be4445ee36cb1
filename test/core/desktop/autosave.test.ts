import * as fs from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AutosaveStore,
  isDocumentId,
  newDocumentId,
  type AutosaveFs,
} from '../../../src-main/autosave-store';
import { DocumentSession } from '../../../src-main/document-session';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convsheet-autosave-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const WORK = readFileSync(
  join(import.meta.dirname, '../../../samples/workbooks/by-hand.convsheet.json'),
  'utf8',
);
const clock = (start: number) => {
  let t = start;
  return () => (t += 1000);
};

describe('autosave store', () => {
  it('keeps unsaved work so that a new process (after a crash) finds it again', async () => {
    const id = newDocumentId();
    const before = new AutosaveStore(join(dir, 'autosave'), { now: () => 1_700_000_000_000 });
    await before.save(id, { path: '/home/ada/lesson.convsheet.json', text: WORK });
    // Nothing else happens: the process is gone. A new one lists what was kept.
    const after = new AutosaveStore(join(dir, 'autosave'));
    expect(await after.list()).toEqual([
      { id, path: '/home/ada/lesson.convsheet.json', savedAt: 1_700_000_000_000, text: WORK },
    ]);
  });

  it('offers recovered work back as unsaved, under its file, until it is saved', async () => {
    const store = new AutosaveStore(dir, { now: () => 1_700_000_000_000 });
    const id = newDocumentId();
    await store.save(id, { path: null, text: WORK });
    const [entry] = await new AutosaveStore(dir).list();
    const session = DocumentSession.recovered(entry!);
    expect(session.opened()).toEqual({
      path: null,
      name: 'Untitled',
      text: WORK,
      recovered: { savedAt: 1_700_000_000_000 },
    });
    expect(session.dirty).toBe(true);
    expect(session.id).toBe(id);
    // The reloaded page reports revision 1 for the recovered state; only a save makes it clean.
    session.edited(1);
    expect(session.dirty).toBe(true);
    session.saved(1, join(dir, 'lesson.convsheet.json'), WORK);
    expect(session.dirty).toBe(false);
    expect(session.opened().recovered).toBeNull();
  });

  it('replaces an entry on each autosave and forgets it on remove', async () => {
    const store = new AutosaveStore(dir, { now: clock(0) });
    const id = newDocumentId();
    await store.save(id, { path: null, text: 'first' });
    await store.save(id, { path: null, text: 'second' });
    expect((await store.list()).map((e) => [e.text, e.savedAt])).toEqual([['second', 2000]]);
    await store.remove(id);
    expect(await store.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists several documents oldest first', async () => {
    const store = new AutosaveStore(dir, { now: clock(0) });
    const [a, b] = [newDocumentId(), newDocumentId()];
    await store.save(b, { path: null, text: 'b' });
    await store.save(a, { path: null, text: 'a' });
    expect((await store.list()).map((e) => e.text)).toEqual(['b', 'a']);
  });

  it('writes in order: a slow earlier autosave never lands after a later one', async () => {
    let delayFirst = true;
    const slowFirst: AutosaveFs = {
      ...fs,
      rename: async (from, to) => {
        if (delayFirst) {
          delayFirst = false;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return fs.rename(from, to);
      },
    };
    const store = new AutosaveStore(dir, { fs: slowFirst });
    const id = newDocumentId();
    const first = store.save(id, { path: null, text: 'older' });
    const second = store.save(id, { path: null, text: 'newer' });
    const removal = store.remove(id);
    const third = store.save(id, { path: null, text: 'newest' });
    await Promise.all([first, second, removal, third]);
    expect((await store.list()).map((e) => e.text)).toEqual(['newest']);
  });

  it('skips files that are not intact entries, and leaves them alone', async () => {
    const store = new AutosaveStore(dir);
    const good = newDocumentId();
    await store.save(good, { path: null, text: 'kept' });
    const truncated = newDocumentId();
    writeFileSync(join(dir, `${truncated}.json`), '{"format":"convsheet-autosave","version":1,"id":');
    const renamed = newDocumentId();
    writeFileSync(
      join(dir, `${renamed}.json`),
      JSON.stringify({
        format: 'convsheet-autosave',
        version: 1,
        id: good,
        path: null,
        savedAt: 1,
        text: 'x',
      }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'NOT-AN-ID.json'), '{}');
    expect((await store.list()).map((e) => e.id)).toEqual([good]);
    expect(readdirSync(dir)).toHaveLength(5);
  });

  it('finds nothing when the folder does not exist yet', async () => {
    expect(await new AutosaveStore(join(dir, 'missing')).list()).toEqual([]);
  });

  it('refuses ids that could name a file outside its folder', async () => {
    expect(isDocumentId(newDocumentId())).toBe(true);
    for (const id of ['../../etc/passwd', 'a/b/c/d/e/f', '', 'short', 'UPPERCASE-ID-1234'])
      expect(isDocumentId(id)).toBe(false);
    const store = new AutosaveStore(dir);
    await expect(store.save('../../../escape', { path: null, text: 'x' })).rejects.toThrow(
      'not a document id',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the files private to the user', async () => {
    if (process.platform === 'win32') return;
    const store = new AutosaveStore(dir);
    const id = newDocumentId();
    await store.save(id, { path: null, text: 'private' });
    expect((await fs.stat(join(dir, `${id}.json`))).mode & 0o777).toBe(0o600);
  });
});
