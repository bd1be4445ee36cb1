/**
 * The typed contract between the renderer and the main process. The renderer's typecheck reads this
 * file, so it imports nothing (least of all `electron`). The main process checks every argument at run
 * time (validate.ts): these types are what an honest page sends, not what main trusts.
 */

/** Channel names, one per request the preload may send, plus the one main pushes events on. */
export const ipcChannels = {
  appInfo: 'convsheet:app-info',
  openedDocument: 'convsheet:opened-document',
  documentEdited: 'convsheet:document-edited',
  save: 'convsheet:save',
  autosave: 'convsheet:autosave',
  showOpenDialog: 'convsheet:show-open-dialog',
  openPath: 'convsheet:open-path',
  newWindow: 'convsheet:new-window',
  recentFiles: 'convsheet:recent-files',
  importInput: 'convsheet:import-input',
  exportFile: 'convsheet:export-file',
  setZoom: 'convsheet:set-zoom',
  setViewToggles: 'convsheet:set-view-toggles',
  /** Main -> renderer: a MainEvent. */
  event: 'convsheet:event',
} as const;

/** What the main process tells the renderer about itself. */
export interface AppInfo {
  /** The application's version, from package.json. */
  readonly version: string;
  /** `process.platform` of the main process (e.g. "linux"). */
  readonly platform: string;
}

/** The workbook a window shows: each window holds one. */
export interface OpenedDocument {
  /** Absolute path of the file, or null for a workbook not saved yet. */
  readonly path: string | null;
  /** What the title bar calls it: the file name, or "Untitled". */
  readonly name: string;
  /**
   * The `*.convsheet.json` text (already checked by `readWorkbook`), or null for a new window, which
   * starts from the app's default workbook.
   */
  readonly text: string | null;
  /** Set when the text is unsaved work recovered after a crash; it stays unsaved until saved. */
  readonly recovered: { readonly savedAt: number } | null;
}

/**
 * Revisions number the renderer's edits (1, 2, 3, ...) so that main knows which edit a save or an
 * autosave holds: the window has unsaved changes while the last edit's revision is above the saved one.
 */
export interface SaveRequest {
  /** The workbook as `writeWorkbook` writes it. */
  readonly text: string;
  /** The revision that text holds. */
  readonly revision: number;
  /** Ask for a file name even when the window has one. */
  readonly saveAs: boolean;
}

export interface AutosaveRequest {
  readonly text: string;
  readonly revision: number;
}

export type SaveOutcome =
  | { readonly status: 'saved'; readonly path: string; readonly name: string }
  | { readonly status: 'canceled' }
  | { readonly status: 'failed'; readonly message: string };

/** A file chosen with Import Input: its name (for the message) and its bytes (CSV, PNG, JPEG or JSON). */
export interface ImportedFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A file the app produced (an .xlsx, a PNG, a CSV) for the user to place with a save dialog. */
export interface ExportRequest {
  /** A bare file name with its extension, e.g. "digit-edges.xlsx"; the extension picks the file type. */
  readonly suggestedName: string;
  readonly data: Uint8Array | string;
}

export interface RecentFile {
  readonly path: string;
  readonly name: string;
}

/** The View menu's two check boxes. */
export interface ViewToggles {
  readonly colours: boolean;
  readonly numbers: boolean;
}

export type ZoomChange = 'in' | 'out' | 'reset';

/** Menu commands that reach the renderer; the others (New, Open, Close, About, ...) main handles itself. */
export const menuCommands = [
  'save',
  'save-as',
  'import-input',
  'export',
  'undo',
  'redo',
  'select-all',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'toggle-colours',
  'toggle-numbers',
  'user-guide',
] as const;

export type MenuCommand = (typeof menuCommands)[number];

/** What main pushes to a window. `checked` is the new state of a View check box. */
export interface MainEvent {
  readonly type: 'menu';
  readonly command: MenuCommand;
  readonly checked?: boolean;
}

/** The whole API the preload exposes on `window.convsheet`: narrow and typed, never `ipcRenderer`. */
export interface ConvSheetDesktopApi {
  appInfo(): Promise<AppInfo>;
  /** The workbook this window was opened for. */
  openedDocument(): Promise<OpenedDocument>;
  /** Reports an edit; the title shows unsaved changes until a save holds this revision. */
  documentEdited(revision: number): Promise<void>;
  /** Saves to the window's file, or asks where (Save As, or never saved). */
  save(request: SaveRequest): Promise<SaveOutcome>;
  /** Keeps unsaved work in the app's data folder, offered back after a crash. */
  autosave(request: AutosaveRequest): Promise<void>;
  /** The native Open dialog; each chosen workbook opens in its own window. */
  showOpenDialog(): Promise<void>;
  /** Opens a workbook by path (from the recent list) in its own window; false when it could not. */
  openPath(path: string): Promise<boolean>;
  /** Opens a workbook file dropped onto the page; false when it is not a workbook on disk. */
  openDroppedFile(file: File): Promise<boolean>;
  newWindow(): Promise<void>;
  recentFiles(): Promise<RecentFile[]>;
  /** The native dialog for Import Input; null when cancelled. */
  importInput(): Promise<ImportedFile | null>;
  exportFile(request: ExportRequest): Promise<SaveOutcome>;
  /** Zooms the whole window (page zoom, remembered); returns the new zoom factor. */
  setZoom(change: ZoomChange): Promise<number>;
  /** Keeps the View menu's check boxes in step with the app's own controls. */
  setViewToggles(toggles: ViewToggles): Promise<void>;
  /** Subscribes to events from main; returns the unsubscribe function. */
  onEvent(listener: (event: MainEvent) => void): () => void;
}

/** Name under which the preload exposes the API in the renderer's main world. */
export const desktopApiKey = 'convsheet';
