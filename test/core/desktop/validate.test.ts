import { describe, expect, it } from 'vitest';
import {
  autosaveRequestOf,
  exportRequestOf,
  IpcArgumentError,
  isSafeExternalUrl,
  isTrustedSender,
  MAX_TEXT_LENGTH,
  noArguments,
  oneArgument,
  revisionOf,
  saveRequestOf,
  viewTogglesOf,
  workbookPathOf,
  zoomChangeOf,
} from '../../../src-main/validate';

const refused = (f: () => unknown, message: string | RegExp): void => {
  expect(f).toThrow(IpcArgumentError);
  expect(f).toThrow(message);
};

describe('IPC argument validation', () => {
  it('checks the number of arguments', () => {
    expect(() => noArguments([])).not.toThrow();
    refused(() => noArguments(['x']), 'expected no arguments; got 1');
    expect(oneArgument([7])).toBe(7);
    refused(() => oneArgument([1, 2]), 'expected one argument; got 2');
  });

  it('accepts a save request and refuses anything shaped differently', () => {
    expect(saveRequestOf({ text: '{}', revision: 3, saveAs: false })).toEqual({
      text: '{}',
      revision: 3,
      saveAs: false,
    });
    refused(() => saveRequestOf(null), 'save request must be an object');
    refused(() => saveRequestOf(['{}', 3, false]), 'save request must be an object');
    refused(() => saveRequestOf({ text: '{}', revision: 3, saveAs: 'yes' }), 'saveAs must be true or false');
    refused(() => saveRequestOf({ text: 42, revision: 3, saveAs: false }), 'text must be text');
    refused(
      () => saveRequestOf({ text: '{}', revision: -1, saveAs: false }),
      'revision must be a whole number',
    );
    refused(
      () => saveRequestOf({ text: '{}', revision: 1.5, saveAs: false }),
      'revision must be a whole number',
    );
    refused(
      () => saveRequestOf({ text: '{}', revision: 1, saveAs: false, path: '/etc/passwd' }),
      'unexpected keys: path',
    );
  });

  it('checks autosave requests and revisions the same way', () => {
    refused(() => autosaveRequestOf({ text: new String('{}'), revision: 1 }), 'text must be text');
    refused(() => autosaveRequestOf({ text: '{}' }), 'revision');
    expect(MAX_TEXT_LENGTH).toBeGreaterThanOrEqual(128 * 1024 * 1024);
    expect(autosaveRequestOf({ text: 'x', revision: 0 })).toEqual({ text: 'x', revision: 0 });
    expect(revisionOf(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    refused(() => revisionOf(Number.MAX_SAFE_INTEGER + 2), 'revision');
    refused(() => revisionOf('3'), 'revision');
  });

  it('accepts only absolute paths of JSON files to open', () => {
    const absolute = process.platform === 'win32' ? 'C:\\w\\a.convsheet.json' : '/w/a.convsheet.json';
    expect(workbookPathOf(absolute)).toBe(absolute);
    refused(() => workbookPathOf('a.convsheet.json'), 'path must be absolute');
    refused(() => workbookPathOf('/etc/passwd'), 'path must name a .json file');
    refused(() => workbookPathOf('/w/a\0.json'), 'NUL');
    refused(() => workbookPathOf(''), 'non-empty');
    refused(() => workbookPathOf({ path: '/w/a.json' }), 'non-empty');
  });

  it('accepts an export as a bare file name with a known extension and text or bytes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(exportRequestOf({ suggestedName: 'digit.xlsx', data: bytes })).toEqual({
      suggestedName: 'digit.xlsx',
      data: bytes,
    });
    expect(exportRequestOf({ suggestedName: 'map.CSV', data: '1,2\n' }).data).toBe('1,2\n');
    refused(() => exportRequestOf({ suggestedName: '../../.bashrc', data: 'x' }), 'plain file name');
    refused(() => exportRequestOf({ suggestedName: 'C:\\evil.png', data: 'x' }), 'plain file name');
    refused(() => exportRequestOf({ suggestedName: '.hidden.png', data: 'x' }), 'plain file name');
    refused(() => exportRequestOf({ suggestedName: 'run.exe', data: 'x' }), 'must end with one of .xlsx');
    refused(() => exportRequestOf({ suggestedName: 'noext', data: 'x' }), 'must end with one of');
    refused(() => exportRequestOf({ suggestedName: 'a.png', data: [1, 2, 3] }), 'text or a Uint8Array');
  });

  it('accepts the zoom changes and view toggles there are, nothing else', () => {
    expect(['in', 'out', 'reset'].map(zoomChangeOf)).toEqual(['in', 'out', 'reset']);
    refused(() => zoomChangeOf(2), 'zoom change');
    expect(viewTogglesOf({ colours: false, numbers: true })).toEqual({ colours: false, numbers: true });
    refused(() => viewTogglesOf({ colours: 1, numbers: true }), 'true or false');
  });
});

describe('who may call the main process', () => {
  const page = { url: 'convsheet://app/index.html', isMainFrame: true, isAppWindow: true };
  const origins = ['convsheet://app'];

  it('trusts the top frame of an app window showing the app page', () => {
    expect(isTrustedSender(page, origins)).toBe(true);
    expect(isTrustedSender({ ...page, url: 'convsheet://app/assets/x.html?q=1#h' }, origins)).toBe(true);
  });

  it('refuses look-alike origins, sub-frames, other windows and other schemes', () => {
    expect(isTrustedSender({ ...page, url: 'convsheet://app.evil.com/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, url: 'convsheet://apps/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, url: 'file:///home/ada/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, url: 'https://example.com/' }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, url: '' }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, isMainFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ ...page, isAppWindow: false }, origins)).toBe(false);
  });

  it('trusts the dev server only when it is listed, and by exact origin', () => {
    const dev = { ...page, url: 'http://localhost:5173/index.html' };
    expect(isTrustedSender(dev, origins)).toBe(false);
    expect(isTrustedSender(dev, [...origins, 'http://localhost:5173'])).toBe(true);
    expect(
      isTrustedSender({ ...dev, url: 'http://localhost:51730/' }, [...origins, 'http://localhost:5173']),
    ).toBe(false);
  });

  it('hands only plain https links to the system browser', () => {
    expect(isSafeExternalUrl('https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html')).toBe(true);
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com',
      'not a url',
    ])
      expect(isSafeExternalUrl(url)).toBe(false);
  });
});
