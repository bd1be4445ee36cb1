import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src-core/sheet/evaluate';
import { readWorkbook } from '../../src-core/sheet/read';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import type { Desktop, DocumentState, SaveOutcome } from '../../src-renderer/desktop';
import type { FilesOpenDetail } from '../../src-renderer/files/events';
import '../../src-renderer/files/file-menu';
import type { CsFiles } from '../../src-renderer/files/file-menu';

// In the desktop app the file commands go through desktop.ts: its events open workbooks, set the
// title and ask for saves; edits are reported to it. A stand-in for the adapter records the calls.

const tiny = readFileSync(join(import.meta.dirname, '../fixtures/io/tiny.convsheet.json'), 'utf8');

function workbook(text: string): Workbook {
  const r = readWorkbook(text);
  if (!r.ok) throw new Error('fixture');
  return r.value;
}

function fakeDesktop(calls: string[]): Desktop {
  const saved: SaveOutcome = {
    status: 'saved',
    path: '/home/a/tiny.convsheet.json',
    name: 'tiny.convsheet.json',
  };
  const state: DocumentState = { name: 'Untitled', path: null, dirty: false };
  return {
    isDesktop: true,
    connect: ({ getText }) => {
      calls.push(`connect ${getText().length > 0}`);
      return Promise.resolve();
    },
    edited: () => calls.push('edited'),
    save: () => (calls.push('save'), Promise.resolve(saved)),
    saveAs: () => (calls.push('saveAs'), Promise.resolve({ status: 'canceled' })),
    open: () => (calls.push('open'), Promise.resolve()),
    newWorkbook: () => Promise.resolve(),
    recentFiles: () => Promise.resolve([{ path: '/home/a/x.convsheet.json', name: 'x.convsheet.json' }]),
    openRecent: (path) => (calls.push(`openRecent ${path}`), Promise.resolve(false)),
    importInput: () => Promise.resolve(null),
    exportFile: (name) => (
      calls.push(`export ${name}`),
      Promise.resolve({ status: 'saved', path: name, name })
    ),
    setViewToggles: () => Promise.resolve(),
    state: () => state,
  };
}

async function mount(calls: string[]): Promise<{ files: CsFiles; events: Event[] }> {
  const files = document.createElement('cs-files');
  files.desktop = fakeDesktop(calls);
  files.keepWork = true;
  const wb = workbook(tiny);
  const r = resolveWorkbook(wb);
  if (!r.ok) throw new Error('fixture');
  files.workbook = wb;
  files.resolved = r.value;
  files.evaluation = evaluate(r.value);
  const events: Event[] = [];
  for (const type of ['files-open', 'files-message', 'files-change'])
    files.addEventListener(type, (e) => events.push(e));
  document.body.append(files);
  await files.updateComplete;
  return { files, events };
}

const titleOf = (files: CsFiles) => files.shadowRoot?.querySelector('.title')?.textContent ?? '';

afterEach(() => document.body.replaceChildren());

describe('the file commands in the desktop app', () => {
  it('connect to the shell, show the window workbook it sends, and take the title from it', async () => {
    const calls: string[] = [];
    const { files, events } = await mount(calls);
    expect(calls).toEqual(['connect true']);
    const text = tiny.replace('"sums of 3 x 3 windows"', '"recovered"');
    window.dispatchEvent(
      new CustomEvent('convsheet-open', {
        detail: {
          path: '/home/a/t.convsheet.json',
          name: 't.convsheet.json',
          text,
          recovered: { savedAt: 1 },
        },
      }),
    );
    const open = events.find((e) => e.type === 'files-open') as CustomEvent<FilesOpenDetail> | undefined;
    expect(open?.detail.workbook.name).toBe('recovered');
    expect(open?.detail.fresh).toBe(true);
    expect(open?.detail.message).toBe('Recovered unsaved work in t.convsheet.json.');

    // The app shows it: no edit to report.
    files.workbook = open?.detail.workbook ?? null;
    await files.updateComplete;
    window.dispatchEvent(
      new CustomEvent('convsheet-document', {
        detail: { name: 't.convsheet.json', path: '/home/a/t.convsheet.json', dirty: true },
      }),
    );
    await files.updateComplete;
    expect(titleOf(files)).toBe('t.convsheet.json *');
    expect(calls).toEqual(['connect true']);

    // An edit is.
    files.workbook = { ...workbook(tiny) };
    await files.updateComplete;
    expect(calls).toEqual(['connect true', 'edited']);
  });

  it('take Save and Export from the menu, and leave Ctrl+S to the menu accelerator', async () => {
    const calls: string[] = [];
    const { files, events } = await mount(calls);
    const save = new CustomEvent('convsheet-menu', { detail: { command: 'save' }, cancelable: true });
    window.dispatchEvent(save);
    expect(save.defaultPrevented).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toContain('save');
    const messages = () =>
      events
        .filter((e) => e.type === 'files-message')
        .map((e) => (e as CustomEvent<{ message: string }>).detail.message);
    expect(messages()).toEqual(['Saved tiny.convsheet.json.']);

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }));
    await files.updateComplete;
    expect(calls.filter((c) => c === 'save')).toHaveLength(1);

    const exportMenu = new CustomEvent('convsheet-menu', { detail: { command: 'export' }, cancelable: true });
    window.dispatchEvent(exportMenu);
    await files.updateComplete;
    expect(exportMenu.defaultPrevented).toBe(true);
    expect(files.shadowRoot?.querySelector('[role="menu"]')?.getAttribute('aria-label')).toBe('Export');

    // Undo and the others stay the shell's and the app's.
    const undo = new CustomEvent('convsheet-menu', { detail: { command: 'undo' }, cancelable: true });
    window.dispatchEvent(undo);
    expect(undo.defaultPrevented).toBe(false);
  });

  it('show the import preview for a file chosen with File > Import Input', async () => {
    const { files } = await mount([]);
    window.dispatchEvent(
      new CustomEvent('convsheet-import-input', {
        detail: { name: 'g.csv', data: new TextEncoder().encode('1,2,3,4\n'.repeat(4)) },
      }),
    );
    await files.updateComplete;
    const dialog = files.shadowRoot?.querySelector('cs-import-dialog');
    await new Promise((r) => setTimeout(r, 0));
    await dialog?.updateComplete;
    expect(dialog?.shadowRoot?.querySelector('h2')?.textContent).toBe('Import g.csv into the input');
    expect(dialog?.shadowRoot?.querySelector('.fit.ok')?.textContent).toBe(
      'Fits: the same shape as the input it replaces (1 x 4 x 4).',
    );
  });

  it('list recent files from the shell, and say so when one cannot be opened', async () => {
    const calls: string[] = [];
    const { files, events } = await mount(calls);
    files.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.click();
    await new Promise((r) => setTimeout(r, 0));
    await files.updateComplete;
    const items = [...(files.shadowRoot?.querySelectorAll('[role="menuitem"]') ?? [])].map((b) =>
      b.textContent?.trim(),
    );
    expect(items).toContain('x.convsheet.json');
    const recent = [
      ...(files.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
    ].find((b) => b.textContent?.trim() === 'x.convsheet.json');
    recent?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toContain('openRecent /home/a/x.convsheet.json');
    expect((events.at(-1) as CustomEvent<{ message: string }>).detail.message).toBe(
      'x.convsheet.json could not be opened: it was moved, deleted or is no longer a workbook.',
    );
  });
});
