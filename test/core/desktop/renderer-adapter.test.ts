// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  AutosaveRequest,
  ConvSheetDesktopApi,
  MainEvent,
  OpenedDocument,
  SaveOutcome,
  SaveRequest,
} from '../../../src-main/ipc';
import {
  AUTOSAVE_DELAY_MS,
  createDesktop,
  type DocumentState,
  type MenuDetail,
} from '../../../src-renderer/desktop';

const OPENED: OpenedDocument = {
  path: '/w/digit.convsheet.json',
  name: 'digit.convsheet.json',
  text: '{"w":1}',
  recovered: null,
};

/** The preload's API as main would answer it, recording every call. */
function fakeApi(opened: OpenedDocument = OPENED) {
  const calls = {
    edited: [] as number[],
    saves: [] as SaveRequest[],
    autosaves: [] as AutosaveRequest[],
    zoom: [] as string[],
    dropped: [] as File[],
  };
  let listener: ((event: MainEvent) => void) | null = null;
  let finishSave: ((outcome: SaveOutcome) => void) | null = null;
  const api: ConvSheetDesktopApi = {
    appInfo: () => Promise.resolve({ version: '0.1.0', platform: 'linux' }),
    openedDocument: () => Promise.resolve(opened),
    documentEdited: (revision) => {
      calls.edited.push(revision);
      return Promise.resolve();
    },
    save: (request) => {
      calls.saves.push(request);
      return new Promise((resolve) => (finishSave = resolve));
    },
    autosave: (request) => {
      calls.autosaves.push(request);
      return Promise.resolve();
    },
    showOpenDialog: () => Promise.resolve(),
    openPath: () => Promise.resolve(true),
    openDroppedFile: (file) => {
      calls.dropped.push(file);
      return Promise.resolve(true);
    },
    newWindow: () => Promise.resolve(),
    recentFiles: () => Promise.resolve([]),
    importInput: () => Promise.resolve({ name: 'plus.csv', data: new Uint8Array([48, 44, 49]) }),
    exportFile: () => Promise.resolve({ status: 'canceled' }),
    setZoom: (change) => {
      calls.zoom.push(change);
      return Promise.resolve(1.1);
    },
    setViewToggles: () => Promise.resolve(),
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
  };
  return {
    api,
    calls,
    send: (event: MainEvent) => listener?.(event),
    finishSave: (outcome: SaveOutcome) => finishSave?.(outcome),
  };
}

function record<T>(name: string): T[] {
  const seen: T[] = [];
  window.addEventListener(name, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  window.localStorage.clear();
  delete window.convsheet;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the desktop adapter in the desktop app', () => {
  it("hands the app this window's workbook when it connects", async () => {
    const { api } = fakeApi();
    window.convsheet = api;
    const opened = record<OpenedDocument>('convsheet-open');
    const states = record<DocumentState>('convsheet-document');
    const desktop = createDesktop(window);
    expect(desktop.isDesktop).toBe(true);
    await desktop.connect({ getText: () => 'TEXT' });
    expect(opened).toEqual([OPENED]);
    expect(states.at(-1)).toEqual({
      name: 'digit.convsheet.json',
      path: '/w/digit.convsheet.json',
      dirty: false,
    });
  });

  it('reports a burst of edits once, keeps the work after a few seconds, and shows it unsaved', async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi();
    window.convsheet = api;
    const states = record<DocumentState>('convsheet-document');
    const desktop = createDesktop(window);
    let text = 'v0';
    await desktop.connect({ getText: () => text });
    for (const t of ['v1', 'v2', 'v3']) {
      text = t;
      desktop.edited();
    }
    await Promise.resolve();
    expect(calls.edited).toEqual([3]);
    expect(states.at(-1)?.dirty).toBe(true);
    expect(calls.autosaves).toEqual([]);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(calls.autosaves).toEqual([{ text: 'v3', revision: 3 }]);
  });

  it("saves on the menu's Save unless the app takes the command itself", async () => {
    const fake = fakeApi();
    window.convsheet = fake.api;
    const menus = record<MenuDetail>('convsheet-menu');
    const states = record<DocumentState>('convsheet-document');
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => 'SAVED TEXT' });
    desktop.edited();
    fake.send({ type: 'menu', command: 'save' });
    expect(menus).toEqual([{ command: 'save' }]);
    expect(fake.calls.saves).toEqual([{ text: 'SAVED TEXT', revision: 1, saveAs: false }]);
    fake.finishSave({ status: 'saved', path: '/w/digit.convsheet.json', name: 'digit.convsheet.json' });
    await flush();
    expect(states.at(-1)?.dirty).toBe(false);

    const taker = (e: Event): void => e.preventDefault();
    window.addEventListener('convsheet-menu', taker);
    fake.send({ type: 'menu', command: 'save-as' });
    window.removeEventListener('convsheet-menu', taker);
    expect(fake.calls.saves).toHaveLength(1);
  });

  it('keeps the window unsaved when the user edits while a save is being written', async () => {
    const fake = fakeApi();
    window.convsheet = fake.api;
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => 'T' });
    desktop.edited();
    const saving = desktop.save();
    desktop.edited();
    fake.finishSave({ status: 'saved', path: '/w/digit.convsheet.json', name: 'digit.convsheet.json' });
    await saving;
    expect(desktop.state().dirty).toBe(true);
    await Promise.resolve();
    expect(fake.calls.edited.at(-1)).toBe(2);
  });

  it('treats recovered work as unsaved from the start', async () => {
    const { api } = fakeApi({ ...OPENED, recovered: { savedAt: 1_700_000_000_000 } });
    window.convsheet = api;
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => 'T' });
    expect(desktop.state().dirty).toBe(true);
  });

  it('zooms the page and imports input when the app leaves those commands alone', async () => {
    const fake = fakeApi();
    window.convsheet = fake.api;
    const imported = record<{ name: string; data: Uint8Array }>('convsheet-import-input');
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => 'T' });
    fake.send({ type: 'menu', command: 'zoom-in' });
    fake.send({ type: 'menu', command: 'zoom-reset' });
    fake.send({ type: 'menu', command: 'import-input' });
    await flush();
    expect(fake.calls.zoom).toEqual(['in', 'reset']);
    expect(imported.map((f) => [f.name, [...f.data]])).toEqual([['plus.csv', [48, 44, 49]]]);
  });

  it('opens workbooks dropped on the window and leaves other files to the app', async () => {
    const fake = fakeApi();
    window.convsheet = fake.api;
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => 'T' });
    const drop = (file: File): Event => {
      const event = new Event('drop', { cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
      window.dispatchEvent(event);
      return event;
    };
    const workbook = new File(['{}'], 'lesson.convsheet.json');
    expect(drop(workbook).defaultPrevented).toBe(true);
    expect(drop(new File(['x'], 'digit.png')).defaultPrevented).toBe(false);
    expect(fake.calls.dropped).toEqual([workbook]);
  });
});

describe('the desktop adapter in a browser', () => {
  it('keeps unsaved work in localStorage and offers it back on the next visit', async () => {
    vi.useFakeTimers();
    const first = createDesktop(window);
    expect(first.isDesktop).toBe(false);
    await first.connect({ getText: () => '{"kept":true}' });
    first.edited();
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    vi.useRealTimers();
    const opened = record<OpenedDocument>('convsheet-open');
    const next = createDesktop(window);
    await next.connect({ getText: () => '' });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ name: 'Untitled', text: '{"kept":true}', path: null });
    expect(opened[0]?.recovered?.savedAt).toBeTypeOf('number');
    expect(next.state().dirty).toBe(true);
  });

  it('saves by downloading the file, and forgets the kept copy', async () => {
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this.download);
    });
    window.localStorage.setItem('convsheet-autosave', JSON.stringify({ name: 'x', text: '{}', savedAt: 1 }));
    const desktop = createDesktop(window);
    await desktop.connect({ getText: () => '{}' });
    const outcome = await desktop.save();
    expect(outcome).toEqual({ status: 'saved', path: 'x', name: 'x' });
    expect(clicks).toEqual(['x']);
    expect(window.localStorage.getItem('convsheet-autosave')).toBeNull();
    expect(desktop.state().dirty).toBe(false);
    click.mockRestore();
  });
});
