import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readWorkbook } from '../../src-core/sheet/read';
import { writeWorkbook } from '../../src-core/sheet/write';
import type { CsApp } from '../../src-renderer/app';
import { desktop } from '../../src-renderer/desktop';
import type { CsFiles } from '../../src-renderer/files/file-menu';
import type { CsImportDialog } from '../../src-renderer/files/import-dialog';
import { STORE_KEYS } from '../../src-renderer/files/browser-store';
import '../../src-renderer/app';

// The file commands inside the app, in the browser version (no desktop shell): import through the
// preview as one undoable change, a bad file leaving the workbook as it was, save and open, the title.

const tinyText = readFileSync(join(import.meta.dirname, '../fixtures/io/tiny.convsheet.json'), 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);

async function mount(keepWork = false): Promise<{ app: CsApp; files: CsFiles }> {
  const app = document.createElement('cs-app');
  if (keepWork) app.setAttribute('keep-work', '');
  document.body.append(app);
  await app.updateComplete;
  const files = app.shadowRoot?.querySelector('cs-files');
  if (!files) throw new Error('no cs-files');
  await files.updateComplete;
  return { app, files };
}

/** Opens tiny.convsheet.json (input 0.01..0.16, conv1 sums 3 x 3 windows) as File > Open would. */
async function openTiny(app: CsApp, files: CsFiles): Promise<void> {
  const r = readWorkbook(tinyText);
  if (!r.ok) throw new Error('fixture');
  app.openWorkbook(r.value, 'tiny');
  await app.updateComplete;
  await files.updateComplete;
}

async function dialogOf(files: CsFiles): Promise<CsImportDialog> {
  await files.updateComplete;
  const dialog = files.shadowRoot?.querySelector('cs-import-dialog');
  if (!dialog) throw new Error('no import dialog');
  await dialog.updateComplete;
  return dialog;
}

const status = (app: CsApp) => app.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
const titleOf = (files: CsFiles) => files.shadowRoot?.querySelector('.title')?.textContent ?? '';
const conv1 = (app: CsApp) => [...(app.session.evaluation.outputs[0]?.data ?? [])];

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('importing into the app', () => {
  it('a 4 x 4 CSV replaces the input after the preview; conv1 then sums to 54, 63, 90, 99', async () => {
    const { app, files } = await mount();
    await openTiny(app, files);
    expect(conv1(app).map((v) => +v.toFixed(2))).toEqual([0.54, 0.63, 0.9, 0.99]);
    await files.startImport({ name: 'g.csv', data: bytes('1,2,3,4\n5,6,7,8\n9,10,11,12\n13,14,15,16\n') }, [
      { kind: 'input' },
    ]);
    const dialog = await dialogOf(files);
    const text = dialog.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Import g.csv into the input');
    expect(text).toContain('1 x 4 x 4 · comma-separated');
    expect(text).toContain('Fits: the same shape as the input it replaces (1 x 4 x 4).');
    const cells = [...(dialog.shadowRoot?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    expect(cells.slice(0, 5)).toEqual(['1.00', '2.00', '3.00', '4.00', '5.00']);
    // Nothing changes before Replace.
    expect(app.session.workbook.input.data?.[0]).toBe(0.01);

    dialog.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.click();
    await app.updateComplete;
    expect([...(app.session.workbook.input.data ?? [])]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(conv1(app)).toEqual([54, 63, 90, 99]);
    expect(status(app)).toBe('Done: import g.csv as the input (1 x 4 x 4)');
    expect(files.shadowRoot?.querySelector('cs-import-dialog')).toBeNull();

    // One undoable change.
    app.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }),
    );
    await app.updateComplete;
    expect(app.session.workbook.input.data?.[0]).toBe(0.01);
  });

  it('a ragged CSV shows the problem with the file name, cannot be applied, and leaves the workbook as it was', async () => {
    const { app, files } = await mount();
    await openTiny(app, files);
    const before = app.session.workbook;
    await files.startImport({ name: 'ragged.csv', data: bytes('1,2,3\n4,5\n') }, [{ kind: 'input' }]);
    const dialog = await dialogOf(files);
    expect(dialog.shadowRoot?.querySelector('[role="alert"]')?.textContent).toBe(
      'ragged.csv: row 2 has 2 cells but row 1 has 3: every row of the grid needs the same number of cells (comma-separated)',
    );
    expect(dialog.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(true);
    dialog.shadowRoot?.querySelector<HTMLButtonElement>('button.cancel')?.click();
    await app.updateComplete;
    expect(status(app)).toMatch(/^Nothing imported: ragged\.csv: row 2 has 2 cells/);
    expect(app.session.workbook).toBe(before);
  });

  it('a grid that does not fit says why, and Replace stays off', async () => {
    const { app, files } = await mount();
    await openTiny(app, files);
    await files.startImport({ name: 'five.csv', data: bytes('1,1,1,1,1\n'.repeat(5)) }, [{ kind: 'input' }]);
    const dialog = await dialogOf(files);
    expect(dialog.shadowRoot?.querySelector('.fit.bad')?.textContent).toMatch(
      /^Does not fit: this input \(1 x 5 x 5\) does not fit the workbook, whose input is 1 x 4 x 4/,
    );
    expect(dialog.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(true);
  });

  it('a CSV into a filter slice sets just that filter', async () => {
    const { app, files } = await mount();
    await openTiny(app, files);
    await files.startImport({ name: 'f.csv', data: bytes('0,0,0\n0,1,0\n0,0,0\n') }, [
      {
        kind: 'window',
        target: { kind: 'weight', layer: 0 },
        label: 'conv1 filter 1',
        offset: 0,
        rows: 3,
        cols: 3,
        channels: 1,
      },
    ]);
    const dialog = await dialogOf(files);
    dialog.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.click();
    await app.updateComplete;
    // The centre tap alone: each output is the input cell at the window's centre, 0.06, 0.07, 0.10, 0.11.
    expect(conv1(app)).toEqual([0.06, 0.07, 0.1, 0.11]);
    expect(status(app)).toBe('Done: import f.csv into conv1 filter 1');
  });
});

describe('saving and opening in the browser', () => {
  it('marks unsaved changes in the title; Ctrl+S asks a name, downloads the workbook with its view, and clears the mark', async () => {
    const exported: { name: string; text: string }[] = [];
    vi.spyOn(desktop, 'exportFile').mockImplementation((name, data) => {
      exported.push({ name, text: String(data) });
      return Promise.resolve({ status: 'saved', path: name, name });
    });
    const { app, files } = await mount();
    expect(titleOf(files)).toBe('Digit edges (fast.ai layout)');
    await openTiny(app, files);
    expect(titleOf(files)).toBe('sums of 3 x 3 windows *');
    expect(document.title).toBe('sums of 3 x 3 windows * – ConvSheet');

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }));
    await vi.waitFor(() => expect(files.shadowRoot?.querySelector('form')).not.toBeNull());
    const form = files.shadowRoot?.querySelector('form');
    const input = form?.querySelector('input');
    expect(input?.value).toBe('sums of 3 x 3 windows.convsheet.json');
    if (input) input.value = 'tiny copy';
    form?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await vi.waitFor(() => expect(exported).toHaveLength(1));
    await files.updateComplete;

    expect(exported[0]?.name).toBe('tiny copy.convsheet.json');
    const saved = readWorkbook(exported[0]?.text ?? '');
    if (!saved.ok) throw new Error('saved file does not read');
    expect(saved.value.ui).toEqual({ zoom: 0.5, colourScale: 'diverging', normalise: 'layer', decimals: 2 });
    expect(titleOf(files)).toBe('tiny copy.convsheet.json');
    expect(status(app)).toBe('Saved tiny copy.convsheet.json (to your downloads folder).');
  });

  it('opens a workbook file with its view settings, identical to what was saved', async () => {
    const { app, files } = await mount();
    const r = readWorkbook(tinyText);
    if (!r.ok) throw new Error('fixture');
    const text = writeWorkbook({
      ...r.value,
      ui: { zoom: 1, colourScale: 'fastai', normalise: 'grid', decimals: 3 },
    });
    // Open from a file, as File > Open and dropping a workbook do.
    files.openText('t.convsheet.json', text);
    await app.updateComplete;
    await files.updateComplete;
    expect(writeWorkbook(app.session.workbook)).toBe(text);
    expect(app.view).toEqual({ zoom: 1, scale: 'fastai', normalise: 'grid', decimals: 3 });
    expect(titleOf(files)).toBe('t.convsheet.json');
    expect(status(app)).toBe('Opened t.convsheet.json.');
  });

  it('a file that is not a workbook is refused by name, and the sheet stays as it was', async () => {
    const { app, files } = await mount();
    const before = app.session.workbook;
    files.openText('notes.json', '{"format": "convsheet", "version": 2, "layers": []}');
    await app.updateComplete;
    expect(status(app)).toBe(
      'notes.json: this workbook is version 2, written by a newer ConvSheet; this ConvSheet reads version 1 workbooks. Update ConvSheet to open it. The open workbook is unchanged.',
    );
    expect(app.session.workbook).toBe(before);
  });
});

describe('the last workbook in the browser', () => {
  const kept = (text: string, dirty: boolean) =>
    localStorage.setItem(
      STORE_KEYS.last,
      JSON.stringify({ fileName: 't.convsheet.json', text, dirty, savedAt: 1 }),
    );

  it("the page's app brings it back, unsaved changes marked, with nothing to undo", async () => {
    kept(tinyText, true);
    const { app, files } = await mount(true);
    expect(app.session.workbook.name).toBe('sums of 3 x 3 windows');
    expect(app.session.history.past).toHaveLength(0);
    expect(status(app)).toBe('Welcome back: t.convsheet.json as you left it.');
    expect(titleOf(files)).toBe('t.convsheet.json *');
  });

  it('keeps each change a moment after it, with the view', async () => {
    const { app, files } = await mount(true);
    await openTiny(app, files);
    await vi.waitFor(() => expect(localStorage.getItem(STORE_KEYS.last)).not.toBeNull());
    const stored = JSON.parse(localStorage.getItem(STORE_KEYS.last) ?? '{}') as {
      text: string;
      dirty: boolean;
    };
    expect(stored.dirty).toBe(true);
    const r = readWorkbook(stored.text);
    expect(r.ok && r.value.name).toBe('sums of 3 x 3 windows');
    expect(r.ok && r.value.ui).toEqual({
      zoom: 0.5,
      colourScale: 'diverging',
      normalise: 'layer',
      decimals: 2,
    });
  });

  it('says so when the kept text is no workbook, and starts from the first-run one', async () => {
    kept('{"format": "convsheet", "version": 1}', false);
    const { app } = await mount(true);
    expect(status(app)).toBe(
      'The workbook kept from your last visit could not be read (the workbook has no "input": add {"shape": [C, H, W], "data": [...]} (and 1 more problem)); this is the first-run workbook.',
    );
    expect(app.session.workbook.name).toBe('Digit edges (fast.ai layout)');
  });

  it('an app a test mounts leaves it alone', async () => {
    kept(tinyText, false);
    const { app } = await mount();
    expect(app.session.workbook.name).toBe('Digit edges (fast.ai layout)');
  });
});
