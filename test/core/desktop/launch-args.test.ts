import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesFromArgv, filesFromSecondInstance, withWorkbookExtension } from '../../../src-main/launch-args';

const cwd = resolve('/home/ada/lessons');
const abs = (p: string): string => resolve(cwd, p);

describe('workbooks named on the command line', () => {
  it('takes every JSON file after the executable in a packaged app, resolved against the working folder', () => {
    const argv = [
      '/opt/ConvSheet/convsheet',
      'digit.convsheet.json',
      abs('../edges.convsheet.json'),
      'notes.txt',
    ];
    expect(filesFromArgv(argv, { cwd, defaultApp: false })).toEqual([
      abs('digit.convsheet.json'),
      abs('../edges.convsheet.json'),
    ]);
  });

  it('skips the app folder when run as `electron <folder> <files>` during development', () => {
    const argv = ['/x/electron', '--no-sandbox', '.', 'digit.convsheet.json'];
    expect(filesFromArgv(argv, { cwd, defaultApp: true })).toEqual([abs('digit.convsheet.json')]);
    expect(filesFromArgv(['/x/electron', '.'], { cwd, defaultApp: true })).toEqual([]);
  });

  it("ignores switches, including one that takes a value, and Playwright's debugging ones", () => {
    const argv = [
      '/x/electron',
      '-r',
      '/x/loader.json',
      '--inspect=0',
      '--remote-debugging-port=0',
      '.',
      'a.json',
    ];
    expect(filesFromArgv(argv, { cwd, defaultApp: true })).toEqual([abs('a.json')]);
  });

  it('reads file:// URLs (Linux launchers pass %U) and takes names after -- literally', () => {
    const file = abs('my lesson.convsheet.json');
    const argv = [
      '/opt/ConvSheet/convsheet',
      pathToFileURL(file).href,
      'https://example.com/x.json',
      '--',
      '--odd.json',
    ];
    expect(filesFromArgv(argv, { cwd, defaultApp: false })).toEqual([file, abs('--odd.json')]);
  });

  it('lists a file named twice once, and matches the extension in any case', () => {
    const argv = ['/opt/ConvSheet/convsheet', 'A.CONVSHEET.JSON', abs('A.CONVSHEET.JSON')];
    expect(filesFromArgv(argv, { cwd, defaultApp: false })).toEqual([abs('A.CONVSHEET.JSON')]);
  });
});

describe('files handed over by a second launch', () => {
  it('keeps absolute JSON paths and drops everything else', () => {
    const a = join(cwd, 'a.convsheet.json');
    expect(filesFromSecondInstance({ files: [a, 'relative.json', 7, join(cwd, 'x.exe')] })).toEqual([a]);
  });

  it('returns null for data that is not a file list, so argv is used instead', () => {
    for (const data of [null, undefined, 'a.json', { files: 'a.json' }, {}])
      expect(filesFromSecondInstance(data)).toBeNull();
  });
});

describe('Save As names', () => {
  it('adds the workbook extension to a bare name and keeps a name that already ends in .json', () => {
    expect(withWorkbookExtension('/w/lesson')).toBe('/w/lesson.convsheet.json');
    expect(withWorkbookExtension('/w/lesson.convsheet.json')).toBe('/w/lesson.convsheet.json');
    expect(withWorkbookExtension('/w/lesson.JSON')).toBe('/w/lesson.JSON');
    expect(withWorkbookExtension('/w/v1.2')).toBe('/w/v1.2.convsheet.json');
  });
});
