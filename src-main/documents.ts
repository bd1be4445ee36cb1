/**
 * Opening, saving, importing and exporting files: the native dialogs, and what follows them (a
 * window per workbook, the recent list, the autosave entry). Every write is atomic; every file opened
 * is checked before a window gets it.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { writeFileAtomic } from './atomic-write';
import { newDocumentId, type AutosaveStore } from './autosave-store';
import { DocumentSession } from './document-session';
import type {
  AutosaveRequest,
  ExportRequest,
  ImportedFile,
  RecentFile,
  SaveOutcome,
  SaveRequest,
} from './ipc';
import { WORKBOOK_EXTENSION, withWorkbookExtension } from './launch-args';
import type { RecentFiles } from './recent-files';
import type { WorkbookWindow, WorkbookWindows } from './windows';
import { readInputFile, readWorkbookFile, workbookProblems } from './workbook-file';

const WORKBOOK_FILTERS = [
  { name: 'ConvSheet workbooks', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export class Documents {
  constructor(
    private readonly windows: WorkbookWindows,
    private readonly recent: RecentFiles,
    private readonly autosave: AutosaveStore,
    /** Called when the recent list changed (the menu follows). */
    private readonly onRecentChange: () => void,
  ) {}

  newWindow(): WorkbookWindow {
    return this.windows.open(new DocumentSession(newDocumentId(), { path: null, text: null }));
  }

  /**
   * Opens each file in its own window (or brings forward the window that has it). An untouched new
   * window that asked for the file gives way to it. Resolves to whether each file opened.
   */
  async openPaths(paths: readonly string[], from?: WorkbookWindow): Promise<boolean[]> {
    const opened: boolean[] = [];
    for (const path of paths) {
      const existing = this.windows.findByPath(path);
      if (existing !== undefined) {
        existing.window.show();
        existing.window.focus();
        opened.push(true);
        continue;
      }
      const read = await readWorkbookFile(path);
      if (!read.ok) {
        this.showError(from?.window, 'The workbook could not be opened.', read.message);
        opened.push(false);
        continue;
      }
      this.windows.open(new DocumentSession(newDocumentId(), { path, text: read.value }));
      await this.remember(path);
      opened.push(true);
    }
    if (from !== undefined && from.session.pristine && opened.includes(true)) from.window.close();
    return opened;
  }

  async showOpenDialog(from?: WorkbookWindow): Promise<void> {
    const options = {
      title: 'Open Workbook',
      properties: ['openFile' as const, 'multiSelections' as const],
      filters: WORKBOOK_FILTERS,
    };
    const result = from
      ? await dialog.showOpenDialog(from.window, options)
      : await dialog.showOpenDialog(options);
    if (!result.canceled) await this.openPaths(result.filePaths, from);
  }

  edited(entry: WorkbookWindow, revision: number): void {
    const wasDirty = entry.session.dirty;
    entry.session.edited(revision);
    if (entry.session.dirty !== wasDirty) this.windows.showState(entry);
  }

  async save(entry: WorkbookWindow, request: SaveRequest): Promise<SaveOutcome> {
    const { session, window } = entry;
    const outcome = await this.saveText(entry, request);
    if (outcome.status !== 'saved') {
      this.windows.closeCalledOff(entry);
      return outcome;
    }
    session.saved(request.revision, outcome.path, request.text);
    await this.autosave.remove(session.id).catch(() => undefined);
    await this.remember(outcome.path);
    this.windows.showState(entry);
    if (session.closeAfterSave && !session.dirty) {
      session.closeSettled = true;
      window.close();
    }
    return outcome;
  }

  private async saveText(entry: WorkbookWindow, request: SaveRequest): Promise<SaveOutcome> {
    const { session, window } = entry;
    const problems = workbookProblems(request.text);
    if (problems !== null)
      return this.failed(window, `The workbook was not saved: it is not valid.\n${problems}`);
    let path = session.path;
    if (request.saveAs || path === null) {
      path = await this.askWhereToSave(window, session);
      if (path === null) return { status: 'canceled' };
    }
    try {
      await writeFileAtomic(path, request.text);
    } catch (error) {
      return this.failed(
        window,
        `${basename(path)} could not be saved: ${messageOf(error)}. The file on disk is unchanged.`,
      );
    }
    return { status: 'saved', path, name: basename(path) };
  }

  private async askWhereToSave(window: BrowserWindow, session: DocumentSession): Promise<string | null> {
    const stem =
      session.path === null ? 'Untitled' : basename(session.path).replace(/(\.convsheet)?\.json$/i, '');
    const folder = session.path === null ? app.getPath('documents') : dirname(session.path);
    const result = await dialog.showSaveDialog(window, {
      title: 'Save Workbook',
      defaultPath: join(folder, `${stem}${WORKBOOK_EXTENSION}`),
      filters: WORKBOOK_FILTERS.slice(0, 1),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || result.filePath === undefined || result.filePath === '') return null;
    const path = withWorkbookExtension(result.filePath);
    // The dialog asked about the name as typed; a name the extension was added to is asked about here.
    if (path !== result.filePath && existsSync(path)) {
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `${basename(path)} already exists. Do you want to replace it?`,
      });
      if (response !== 0) return null;
    }
    return path;
  }

  async keep(entry: WorkbookWindow, request: AutosaveRequest): Promise<void> {
    if (!entry.session.wantsAutosave(request.revision)) return;
    this.edited(entry, request.revision);
    await this.autosave.save(entry.session.id, { path: entry.session.path, text: request.text });
  }

  async importInput(entry: WorkbookWindow): Promise<ImportedFile | null> {
    const result = await dialog.showOpenDialog(entry.window, {
      title: 'Import Input',
      properties: ['openFile'],
      filters: [
        { name: 'Images and grids', extensions: ['png', 'jpg', 'jpeg', 'csv', 'txt', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    const path = result.filePaths[0];
    if (result.canceled || path === undefined) return null;
    const read = await readInputFile(path);
    if (!read.ok) {
      this.showError(entry.window, 'The file could not be imported.', read.message);
      return null;
    }
    return { name: basename(path), data: read.value };
  }

  async exportFile(entry: WorkbookWindow, request: ExportRequest): Promise<SaveOutcome> {
    const extension = request.suggestedName.slice(request.suggestedName.lastIndexOf('.') + 1).toLowerCase();
    const folder = entry.session.path === null ? app.getPath('documents') : dirname(entry.session.path);
    const result = await dialog.showSaveDialog(entry.window, {
      title: 'Export',
      defaultPath: join(folder, request.suggestedName),
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || result.filePath === undefined || result.filePath === '')
      return { status: 'canceled' };
    const path = result.filePath;
    try {
      await writeFileAtomic(path, request.data);
    } catch (error) {
      return this.failed(entry.window, `${basename(path)} could not be written: ${messageOf(error)}.`);
    }
    return { status: 'saved', path, name: basename(path) };
  }

  recentFiles(): RecentFile[] {
    return this.recent.list();
  }

  async clearRecent(): Promise<void> {
    await this.recent.clear();
    if (process.platform !== 'linux') app.clearRecentDocuments();
    this.onRecentChange();
  }

  private async remember(path: string): Promise<void> {
    await this.recent.add(path).catch(() => undefined);
    // macOS's Recent Items and Windows's jump list; Linux desktops have no common equivalent.
    if (process.platform !== 'linux') app.addRecentDocument(path);
    this.onRecentChange();
  }

  private failed(window: BrowserWindow, message: string): SaveOutcome {
    this.showError(window, 'Not saved.', message);
    return { status: 'failed', message };
  }

  private showError(window: BrowserWindow | undefined, message: string, detail: string): void {
    const options = { type: 'error' as const, message, detail };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  }
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return error instanceof Error ? error.message : String(error);
}
