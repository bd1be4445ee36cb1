import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecent, RecentFiles, withRecent } from '../../../src-main/recent-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convsheet-recent-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const linux = { platform: 'linux' as const };

describe('the recent files list', () => {
  it('puts the latest first, lists each file once and keeps ten', () => {
    let list: string[] = [];
    for (let i = 1; i <= 12; i++) list = withRecent(list, `/w/${i}.convsheet.json`, linux);
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/w/12.convsheet.json');
    expect(list[9]).toBe('/w/3.convsheet.json');
    list = withRecent(list, '/w/7.convsheet.json', linux);
    expect(list.slice(0, 3)).toEqual(['/w/7.convsheet.json', '/w/12.convsheet.json', '/w/11.convsheet.json']);
    expect(list.filter((p) => p === '/w/7.convsheet.json')).toHaveLength(1);
  });

  it('treats paths differing only in case as one file on Windows and macOS, as two on Linux', () => {
    const a = 'C:\\Lessons\\Digit.convsheet.json';
    const b = 'c:\\lessons\\digit.convsheet.json';
    expect(withRecent([a], b, { platform: 'win32' })).toEqual([b]);
    expect(withRecent(['/Users/ada/A.json'], '/users/ada/a.json', { platform: 'darwin' })).toEqual([
      '/users/ada/a.json',
    ]);
    expect(withRecent(['/home/ada/A.json'], '/home/ada/a.json', linux)).toEqual([
      '/home/ada/a.json',
      '/home/ada/A.json',
    ]);
  });

  it('survives a restart: a new instance reads the same list back', async () => {
    const file = join(dir, 'recent-files.json');
    const first = new RecentFiles(file, linux);
    await first.load();
    await first.add('/w/a.convsheet.json');
    await first.add('/w/b.convsheet.json');
    const second = new RecentFiles(file, linux);
    await second.load();
    expect(second.list()).toEqual([
      { path: '/w/b.convsheet.json', name: 'b.convsheet.json' },
      { path: '/w/a.convsheet.json', name: 'a.convsheet.json' },
    ]);
    await second.remove('/w/b.convsheet.json');
    await second.clear();
    const third = new RecentFiles(file, linux);
    await third.load();
    expect(third.list()).toEqual([]);
  });

  it('writes the latest list last even when adds come faster than writes', async () => {
    const file = join(dir, 'recent-files.json');
    const recent = new RecentFiles(file, linux);
    await Promise.all(['/w/1.json', '/w/2.json', '/w/3.json'].map((p) => recent.add(p)));
    expect((JSON.parse(readFileSync(file, 'utf8')) as { files: string[] }).files).toEqual([
      '/w/3.json',
      '/w/2.json',
      '/w/1.json',
    ]);
  });

  it('starts empty from a missing or damaged file instead of failing', async () => {
    const file = join(dir, 'recent-files.json');
    writeFileSync(file, '{"format": "convsheet-recent-files", "files": [');
    const recent = new RecentFiles(file, linux);
    await recent.load();
    expect(recent.list()).toEqual([]);
    expect(
      parseRecent(
        { format: 'convsheet-recent-files', files: ['/a.json', 3, '', '/b.json', '/a.json'] },
        linux,
      ),
    ).toEqual(['/a.json', '/b.json']);
    expect(parseRecent({ files: ['/a.json'] }, linux)).toEqual([]);
  });
});
