/**
 * The app's one door to the desktop shell, the same in both builds: in the desktop app it talks to
 * the main process through `window.convsheet` (the preload's API, src-main/ipc.ts); in the browser
 * it falls back to downloads, file pickers and localStorage. The app calls its functions and listens
 * to the events below on `window`; it never touches `window.convsheet` itself.
 *
 * @fires convsheet-open - CustomEvent<OpenedDocument>: show this workbook (text null: a new one).
 * @fires convsheet-menu - CustomEvent<MenuDetail>, cancelable: a menu item was chosen. Without
 *   preventDefault() the adapter does the usual thing (see `defaultAction`).
 * @fires convsheet-document - CustomEvent<DocumentState>: the name, file or unsaved state changed.
 * @fires convsheet-import-input - CustomEvent<ImportedFile>: Import Input chose a file.
 */
import type {
  ConvSheetDesktopApi,
  ImportedFile,
  MenuCommand,
  OpenedDocument,
  RecentFile,
  SaveOutcome,
  ViewToggles,
} from '../src-main/ipc';

export type { ImportedFile, MenuCommand, OpenedDocument, RecentFile, SaveOutcome, ViewToggles };

export interface MenuDetail {
  readonly command: MenuCommand;
  /** For toggle-colours / toggle-numbers: the check box's new state. */
  readonly checked?: boolean;
}

export interface DocumentState {
  readonly name: string;
  /** The file (desktop), or null when never saved; the browser has no paths. */
  readonly path: string | null;
  readonly dirty: boolean;
}

declare global {
  interface Window {
    convsheet?: ConvSheetDesktopApi;
  }
  interface WindowEventMap {
    'convsheet-open': CustomEvent<OpenedDocument>;
    'convsheet-menu': CustomEvent<MenuDetail>;
    'convsheet-document': CustomEvent<DocumentState>;
    'convsheet-import-input': CustomEvent<ImportedFile>;
  }
}

/** Unsaved work is kept at most this long after an edit. */
export const AUTOSAVE_DELAY_MS = 3000;
const BROWSER_AUTOSAVE_KEY = 'convsheet-autosave';
const UNTITLED = 'Untitled';

export interface Desktop {
  /** True in the desktop app, false in a browser. */
  readonly isDesktop: boolean;
  /**
   * Starts the adapter once the app can take a workbook: fires `convsheet-open` with this window's
   * workbook, then forwards menu commands. `getText` returns the workbook as `writeWorkbook` writes it.
   */
  connect(options: { readonly getText: () => string }): Promise<void>;
  /** Call after every change to the workbook (edits, undo, redo, learning steps). */
  edited(): void;
  save(): Promise<SaveOutcome>;
  saveAs(): Promise<SaveOutcome>;
  /** Open dialog: desktop opens each workbook in its own window; the browser fires `convsheet-open`. */
  open(): Promise<void>;
  newWorkbook(): Promise<void>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(path: string): Promise<boolean>;
  importInput(): Promise<ImportedFile | null>;
  exportFile(suggestedName: string, data: Uint8Array | string): Promise<SaveOutcome>;
  /** Keeps the View menu's check boxes in step with the app's own controls. */
  setViewToggles(toggles: ViewToggles): Promise<void>;
  state(): DocumentState;
}

type Host = Window & typeof globalThis;

export function createDesktop(win: Host): Desktop {
  const api = win.convsheet;
  let getText: (() => string) | null = null;
  let name = UNTITLED;
  let path: string | null = null;
  let revision = 0;
  let savedRevision = 0;
  let autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  let notifyPending = false;

  const state = (): DocumentState => ({ name, path, dirty: revision > savedRevision });
  const announce = (): void => {
    win.dispatchEvent(new win.CustomEvent('convsheet-document', { detail: state() }));
  };

  const keep = (): void => {
    autosaveTimer = null;
    if (getText === null || revision <= savedRevision) return;
    const text = getText();
    if (api !== undefined) void api.autosave({ text, revision }).catch(() => undefined);
    else storeBrowserWork({ name, text, savedAt: Date.now() });
  };

  const afterSave = (outcome: SaveOutcome, savedAt: number): SaveOutcome => {
    if (outcome.status !== 'saved') return outcome;
    savedRevision = Math.max(savedRevision, savedAt);
    name = outcome.name;
    path = api === undefined ? null : outcome.path;
    if (api === undefined) clearBrowserWork();
    announce();
    return outcome;
  };

  const save = async (saveAs: boolean): Promise<SaveOutcome> => {
    if (getText === null)
      return { status: 'failed', message: 'nothing to save yet: connect() was not called' };
    const text = getText();
    const at = revision;
    if (api !== undefined) return afterSave(await api.save({ text, revision: at, saveAs }), at);
    const fileName = name === UNTITLED ? 'workbook.convsheet.json' : name;
    download(win, fileName, text, 'application/json');
    return afterSave({ status: 'saved', path: fileName, name: fileName }, at);
  };

  const importInput = async (): Promise<ImportedFile | null> => {
    if (api !== undefined) return api.importInput();
    const file = await pickFile(win, '.png,.jpg,.jpeg,.csv,.txt,.json');
    return file === null ? null : { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
  };

  /** What a menu command does when the app left it alone. */
  const defaultAction = async (detail: MenuDetail): Promise<void> => {
    switch (detail.command) {
      case 'save':
      case 'save-as':
        await save(detail.command === 'save-as');
        return;
      case 'import-input': {
        const file = await importInput();
        if (file !== null) win.dispatchEvent(new win.CustomEvent('convsheet-import-input', { detail: file }));
        return;
      }
      case 'zoom-in':
      case 'zoom-out':
      case 'zoom-reset':
        await api?.setZoom(
          detail.command === 'zoom-in' ? 'in' : detail.command === 'zoom-out' ? 'out' : 'reset',
        );
        return;
      case 'undo':
      case 'redo':
      case 'select-all':
        // A text field keeps its own editing history and selection.
        if (isEditable(deepActiveElement(win.document)))
          win.document.execCommand(detail.command === 'select-all' ? 'selectAll' : detail.command);
        return;
      default:
        return;
    }
  };

  const onMenu = (detail: MenuDetail): void => {
    const event = new win.CustomEvent('convsheet-menu', { detail, cancelable: true });
    if (win.dispatchEvent(event)) void defaultAction(detail);
  };

  const open = (document: OpenedDocument): void => {
    name = document.name;
    path = document.path;
    // Recovered work is unsaved from the start: revision 1 against nothing saved.
    revision = document.recovered === null ? 0 : 1;
    savedRevision = 0;
    win.dispatchEvent(new win.CustomEvent('convsheet-open', { detail: document }));
    announce();
  };

  const onDrop = (event: DragEvent): void => {
    const files = [...(event.dataTransfer?.files ?? [])].filter((f) =>
      f.name.toLowerCase().endsWith('.json'),
    );
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) {
      if (api !== undefined) void api.openDroppedFile(file);
      else void file.text().then((text) => open({ path: null, name: file.name, text, recovered: null }));
    }
  };

  return {
    isDesktop: api !== undefined,
    async connect(options) {
      getText = options.getText;
      win.addEventListener('dragover', (event) => {
        if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
      });
      win.addEventListener('drop', onDrop);
      if (api !== undefined) {
        api.onEvent((event) =>
          onMenu(
            event.checked === undefined
              ? { command: event.command }
              : { command: event.command, checked: event.checked },
          ),
        );
        open(await api.openedDocument());
        return;
      }
      const kept = readBrowserWork();
      if (kept !== null)
        open({ path: null, name: kept.name, text: kept.text, recovered: { savedAt: kept.savedAt } });
    },
    edited() {
      revision++;
      if (revision === savedRevision + 1) announce();
      if (api !== undefined && !notifyPending) {
        notifyPending = true;
        queueMicrotask(() => {
          notifyPending = false;
          void api.documentEdited(revision).catch(() => undefined);
        });
      }
      autosaveTimer ??= setTimeout(keep, AUTOSAVE_DELAY_MS);
    },
    save: () => save(false),
    saveAs: () => save(true),
    async open() {
      if (api !== undefined) return api.showOpenDialog();
      const file = await pickFile(win, '.json');
      if (file !== null) open({ path: null, name: file.name, text: await file.text(), recovered: null });
    },
    async newWorkbook() {
      if (api !== undefined) return api.newWindow();
      open({ path: null, name: UNTITLED, text: null, recovered: null });
    },
    recentFiles: async () => (api === undefined ? [] : api.recentFiles()),
    openRecent: async (file) => (api === undefined ? false : api.openPath(file)),
    importInput,
    async exportFile(suggestedName, data) {
      if (api !== undefined) return api.exportFile({ suggestedName, data });
      download(win, suggestedName, data, 'application/octet-stream');
      return { status: 'saved', path: suggestedName, name: suggestedName };
    },
    setViewToggles: async (toggles) => api?.setViewToggles(toggles),
    state,
  };

  function storeBrowserWork(work: { name: string; text: string; savedAt: number }): void {
    try {
      win.localStorage.setItem(BROWSER_AUTOSAVE_KEY, JSON.stringify(work));
    } catch {
      // Storage full or disabled: the browser version then keeps no copy.
    }
  }

  function clearBrowserWork(): void {
    try {
      win.localStorage.removeItem(BROWSER_AUTOSAVE_KEY);
    } catch {
      // Storage disabled: nothing was kept.
    }
  }

  function readBrowserWork(): { name: string; text: string; savedAt: number } | null {
    try {
      const o = JSON.parse(win.localStorage.getItem(BROWSER_AUTOSAVE_KEY) ?? 'null') as Record<
        string,
        unknown
      > | null;
      if (
        o === null ||
        typeof o.text !== 'string' ||
        typeof o.name !== 'string' ||
        typeof o.savedAt !== 'number'
      )
        return null;
      return { name: o.name, text: o.text, savedAt: o.savedAt };
    } catch {
      return null;
    }
  }
}

/** The focused element, looking inside shadow roots (Lit components keep their inputs there). */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function isEditable(element: Element | null): boolean {
  if (element === null) return false;
  if (element.tagName === 'TEXTAREA') return true;
  if (element.tagName === 'INPUT')
    return !['checkbox', 'radio', 'button', 'range'].includes((element as HTMLInputElement).type);
  return (element as HTMLElement).isContentEditable;
}

function download(win: Host, fileName: string, data: Uint8Array | string, type: string): void {
  const url = win.URL.createObjectURL(new win.Blob([data as BlobPart], { type }));
  const link = win.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the URL is only needed until then.
  setTimeout(() => win.URL.revokeObjectURL(url), 0);
}

function pickFile(win: Host, accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = win.document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** The adapter for this page. */
export const desktop: Desktop = createDesktop(window);
