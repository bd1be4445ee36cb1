/**
 * The workbook windows: one per open workbook, each with its DocumentSession. Creating them, keeping
 * the title in step with unsaved changes, asking before a window with unsaved changes closes, bringing
 * back a page that crashed, and remembering size, position and zoom.
 */
import { app, BrowserWindow, dialog, screen, type BaseWindow, type WebContents } from 'electron';
import type { AutosaveStore } from './autosave-store';
import {
  closeChoice,
  closeQuestion,
  CLOSE_BUTTONS,
  windowTitle,
  type DocumentSession,
} from './document-session';
import { ipcChannels, type MainEvent, type ViewToggles, type ZoomChange } from './ipc';
import { createSecureWindow } from './window-options';
import { placeWindow, zoomed, type WindowStateStore } from './window-state';

export interface WorkbookWindow {
  readonly window: BrowserWindow;
  readonly session: DocumentSession;
  /** The View menu's check boxes for this window. */
  toggles: ViewToggles;
  /** Set when the page crashed for good: its autosaved work is kept for the next start. */
  pageGone: boolean;
}

export interface WindowsOptions {
  readonly preload: string;
  readonly pageUrl: string;
  readonly icon: string | undefined;
  readonly autosave: AutosaveStore;
  readonly windowState: WindowStateStore;
  /** Called when the set of windows or the focused one changes (the menu follows). */
  readonly onChange: () => void;
}

/** A page that crashes this often within a minute is not reloaded again: it would only crash again. */
const MAX_RELOADS_PER_MINUTE = 3;

export class WorkbookWindows {
  private readonly byContents = new Map<number, WorkbookWindow>();
  private readonly asking = new Set<WorkbookWindow>();
  private readonly reloads = new Map<WorkbookWindow, number[]>();
  /** Set while the app quits; a window that closes after its save dialog then continues the quit. */
  quitting = false;

  constructor(private readonly options: WindowsOptions) {}

  all(): WorkbookWindow[] {
    return [...this.byContents.values()];
  }

  fromContents(contents: WebContents): WorkbookWindow | undefined {
    return this.byContents.get(contents.id);
  }

  fromWindow(window: BaseWindow | undefined): WorkbookWindow | undefined {
    return window === undefined ? undefined : this.all().find((w) => w.window.id === window.id);
  }

  focused(): WorkbookWindow | undefined {
    return this.fromWindow(BrowserWindow.getFocusedWindow() ?? undefined);
  }

  findByPath(path: string): WorkbookWindow | undefined {
    return this.all().find((w) => w.session.path === path);
  }

  open(session: DocumentSession): WorkbookWindow {
    const state = this.options.windowState.get();
    const areas = screen.getAllDisplays().map((d) => d.workArea);
    const window = createSecureWindow(BrowserWindow, {
      preload: this.options.preload,
      bounds: placeWindow(state, areas, this.byContents.size),
      title: windowTitle(session.name, session.dirty, process.platform),
      icon: this.options.icon,
    });
    const entry: WorkbookWindow = {
      window,
      session,
      toggles: { colours: true, numbers: true },
      pageGone: false,
    };
    const contentsId = window.webContents.id;
    this.byContents.set(contentsId, entry);
    if (state.maximized && this.byContents.size === 1) window.maximize();

    // The title is main's: it names the file and shows unsaved changes, whatever the page's <title> says.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.once('ready-to-show', () => window.show());
    window.webContents.on('did-finish-load', () => {
      window.webContents.setZoomFactor(this.options.windowState.get().zoomFactor);
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit') void this.recoverPage(entry);
    });
    window.on('focus', this.options.onChange);
    window.on('close', (event) => {
      if (this.mayClose(entry)) this.rememberState(window);
      else event.preventDefault();
    });
    window.on('closed', () => {
      this.byContents.delete(contentsId);
      this.reloads.delete(entry);
      // Closed with nothing unsaved, or the user chose not to save: the kept work is no longer wanted.
      if (!entry.pageGone) void this.options.autosave.remove(session.id).catch(() => undefined);
      this.options.onChange();
      if (this.quitting) app.quit();
    });

    this.showState(entry);
    void window.loadURL(this.options.pageUrl);
    this.options.onChange();
    return entry;
  }

  /** Brings the title (and macOS's edited dot and proxy icon) in line with the session. */
  showState(entry: WorkbookWindow): void {
    const { window, session } = entry;
    window.setTitle(windowTitle(session.name, session.dirty, process.platform));
    if (process.platform === 'darwin') {
      window.setRepresentedFilename(session.path ?? '');
      window.setDocumentEdited(session.dirty);
    }
  }

  send(entry: WorkbookWindow, event: MainEvent): void {
    if (!entry.window.isDestroyed()) entry.window.webContents.send(ipcChannels.event, event);
  }

  /** Zooms every window alike (Chromium keeps one zoom per origin anyway) and remembers it. */
  async setZoom(change: ZoomChange): Promise<number> {
    const factor = zoomed(this.options.windowState.get().zoomFactor, change);
    for (const { window } of this.all()) window.webContents.setZoomFactor(factor);
    await this.options.windowState.update({ zoomFactor: factor });
    return factor;
  }

  /** Whether the window may close now; otherwise the question is asked and the close waits for it. */
  private mayClose(entry: WorkbookWindow): boolean {
    const { session } = entry;
    if (!session.dirty || session.closeSettled || entry.pageGone) return true;
    if (!this.asking.has(entry)) void this.askBeforeClose(entry);
    return false;
  }

  private async askBeforeClose(entry: WorkbookWindow): Promise<void> {
    const { window, session } = entry;
    this.asking.add(entry);
    try {
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        buttons: [...CLOSE_BUTTONS],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        ...closeQuestion(session.name),
      });
      const choice = closeChoice(response);
      if (choice === 'save') {
        // The page holds the newest text: it saves, and the save handler closes the window after.
        session.closeAfterSave = true;
        this.send(entry, { type: 'menu', command: 'save' });
      } else if (choice === 'discard') {
        // Forgotten before the window closes: closing the last window may end the process at once.
        await this.options.autosave.remove(session.id).catch(() => undefined);
        session.closeSettled = true;
        window.close();
      } else {
        this.quitting = false;
      }
    } finally {
      this.asking.delete(entry);
    }
  }

  /** After a save was cancelled or failed, a close or quit waiting for it is called off. */
  closeCalledOff(entry: WorkbookWindow): void {
    entry.session.closeAfterSave = false;
    this.quitting = false;
  }

  private rememberState(window: BrowserWindow): void {
    void this.options.windowState
      .update({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
      .catch(() => undefined);
  }

  /** The page crashed: load it again with the last autosaved work, unless it keeps crashing. */
  private async recoverPage(entry: WorkbookWindow): Promise<void> {
    const now = Date.now();
    const recent = (this.reloads.get(entry) ?? []).filter((t) => now - t < 60_000);
    this.reloads.set(entry, [...recent, now]);
    if (entry.window.isDestroyed()) return;
    if (recent.length >= MAX_RELOADS_PER_MINUTE) {
      entry.pageGone = true;
      void dialog.showMessageBox(entry.window, {
        type: 'error',
        message: `The window for ${entry.session.name} keeps stopping.`,
        detail: 'Its unsaved work, as last kept, will be offered again the next time ConvSheet starts.',
      });
      return;
    }
    const kept = (await this.options.autosave.list()).find((e) => e.id === entry.session.id);
    if (kept !== undefined) entry.session.recoverFrom(kept);
    else entry.session.restart();
    this.showState(entry);
    void entry.window.loadURL(this.options.pageUrl);
  }
}
