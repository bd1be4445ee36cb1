/**
 * The open workbook as a document: its file name, whether it has unsaved changes, opening, saving
 * and the recent list. In the desktop app all of that goes through desktop.ts (native dialogs, files
 * on disk, autosave in the app's data folder); in a browser, files are picked and downloaded, and the
 * last workbook and a short recent list are kept in localStorage (browser-store.ts).
 *
 * Unsaved changes, in the browser, are "the workbook on the sheet is not the one last opened or
 * saved": edits make new workbook objects and undo brings back the old ones, so undoing back to the
 * saved state is clean again.
 */
import { readWorkbook } from '../../src-core/sheet/read';
import type { Workbook } from '../../src-core/sheet/types';
import { writeWorkbook } from '../../src-core/sheet/write';
import type { Desktop, DocumentState, MenuDetail, OpenedDocument, RecentFile } from '../desktop';
import type { ViewSettings } from '../view';
import { addRecent, keepLast, readLast, recentWorkbooks, type RecentWorkbook } from './browser-store';
import { problemsText, viewOf, withView, workbookFileName, WORKBOOK_EXTENSION } from './document';
import type { FilesOpenDetail } from './events';
import type { ChosenFile } from './import-source';

export interface DocumentHost {
  workbook(): Workbook;
  view(): ViewSettings;
  /** Asks the app to show a workbook. */
  open(detail: FilesOpenDetail): void;
  message(text: string): void;
  /** The title or the recent list changed. */
  changed(): void;
  /** Desktop: Import Input chose a file. */
  importFile(file: ChosenFile): void;
  /** Desktop: File > Export. */
  showExport(): void;
  /** Browser Save As: the name to download under, or null when cancelled. */
  askName(suggested: string): Promise<string | null>;
  /** Browser Open: a file the user picked, or null. */
  pickFile(accept: string): Promise<File | null>;
}

/** One entry of the File menu's recent list. */
export type RecentEntry =
  | { readonly kind: 'desktop'; readonly file: RecentFile }
  | { readonly kind: 'browser'; readonly entry: RecentWorkbook };

/** Edits are kept in the browser this long after the last one (a reload within it still keeps them: pagehide flushes). */
const KEEP_DELAY_MS = 300;

export class WorkbookDocument {
  /** The name it was opened or saved under (browser); null for a workbook never saved. */
  private fileName: string | null = null;
  /** The workbook as last opened or saved (browser); null when it never was (recovered work). */
  private saved: Workbook | null;
  /** The workbook last seen on the sheet: a new one is an edit. */
  private known: Workbook;
  /** An open asked of the app, taken as opened when its workbook reaches the sheet. */
  private pending: { workbook: Workbook; fileName: string | null; dirty: boolean } | null = null;
  private desktopState: DocumentState | null = null;
  private keepTimer: ReturnType<typeof setTimeout> | null = null;
  private keepMessage: string | null = null;
  /** Whether start() ran: only then is the last workbook kept. */
  private started = false;
  private readonly listeners: [string, EventListener][] = [];

  constructor(
    private readonly host: DocumentHost,
    private readonly desktop: Desktop,
    private readonly storage: Storage | null,
  ) {
    this.known = host.workbook();
    this.saved = this.known;
  }

  /**
   * For the page's own app only (not one a test mounts): in the browser, brings back the last workbook
   * and keeps it from then on; in the desktop app, connects to the shell, which sends the window's
   * workbook.
   */
  start(): void {
    this.started = true;
    if (this.desktop.isDesktop) {
      this.listen('convsheet-open', (e) => this.onDesktopOpen((e as CustomEvent<OpenedDocument>).detail));
      this.listen('convsheet-document', (e) => {
        this.desktopState = (e as CustomEvent<DocumentState>).detail;
        this.host.changed();
      });
      this.listen('convsheet-menu', (e) => this.onMenu(e as CustomEvent<MenuDetail>));
      this.listen('convsheet-import-input', (e) =>
        this.host.importFile((e as CustomEvent<ChosenFile>).detail),
      );
      void this.desktop.connect({ getText: () => this.text() });
      return;
    }
    this.listen('pagehide', () => this.keepNow());
    const kept = this.storage === null ? null : readLast(this.storage);
    if (kept === null) return;
    const r = readWorkbook(kept.text);
    if (!r.ok) {
      this.host.message(
        `The workbook kept from your last visit could not be read (${problemsText(r.errors, 1)}); this is the first-run workbook.`,
      );
      return;
    }
    const name = kept.fileName ?? r.value.name ?? 'your workbook';
    this.show(r.value, kept.fileName, kept.dirty, `Welcome back: ${name} as you left it.`, true);
  }

  /** The page is going away (pagehide has kept the workbook) or a test removed the app. */
  stop(): void {
    for (const [type, listener] of this.listeners) window.removeEventListener(type, listener);
    this.listeners.length = 0;
    if (this.keepTimer !== null) clearTimeout(this.keepTimer);
    this.keepTimer = null;
    this.started = false;
  }

  /** Called whenever the sheet shows a (possibly) new workbook. */
  observe(workbook: Workbook): void {
    if (workbook === this.known) return;
    this.known = workbook;
    const pending = this.pending;
    this.pending = null;
    if (pending?.workbook === workbook) {
      this.fileName = pending.fileName;
      this.saved = pending.dirty ? null : workbook;
      this.scheduleKeep();
      return;
    }
    if (this.desktop.isDesktop) this.desktop.edited();
    else this.scheduleKeep();
  }

  /** The view is saved with the workbook, so the browser keeps it too (it marks nothing unsaved). */
  viewChanged(): void {
    if (!this.desktop.isDesktop) this.scheduleKeep();
  }

  /** What the title shows: the file's name (or the workbook's title), and whether changes are unsaved. */
  title(): { name: string; dirty: boolean } {
    if (this.desktop.isDesktop) {
      const s = this.desktopState;
      return { name: s?.name ?? this.known.name ?? 'Untitled', dirty: s?.dirty ?? false };
    }
    return {
      name: this.fileName ?? this.known.name ?? 'Untitled workbook',
      dirty: this.known !== this.saved,
    };
  }

  /** The name a save would use: the file's, or the workbook's title with `.convsheet.json`. */
  fileNameForSave(): string {
    return workbookFileName(this.fileName, this.known);
  }

  async save(saveAs: boolean): Promise<void> {
    if (this.desktop.isDesktop) {
      const outcome = await (saveAs ? this.desktop.saveAs() : this.desktop.save());
      if (outcome.status === 'saved') this.host.message(`Saved ${outcome.name}.`);
      else if (outcome.status === 'failed') this.host.message(`Not saved: ${outcome.message}`);
      return;
    }
    let name: string | null = this.fileNameForSave();
    if (saveAs || this.fileName === null) name = await this.host.askName(name);
    if (name === null) return;
    if (!name.toLowerCase().endsWith('.json')) name += WORKBOOK_EXTENSION;
    const workbook = this.known;
    const text = this.text();
    await this.desktop.exportFile(name, text);
    this.fileName = name;
    this.saved = workbook;
    if (this.storage !== null) addRecent(this.storage, { fileName: name, text, savedAt: Date.now() });
    this.keepNow();
    this.host.message(`Saved ${name} (to your downloads folder).`);
    this.host.changed();
  }

  async open(): Promise<void> {
    if (this.desktop.isDesktop) {
      await this.desktop.open();
      return;
    }
    const file = await this.host.pickFile(`${WORKBOOK_EXTENSION},.json`);
    if (file !== null) this.openText(file.name, await file.text());
  }

  /** Opens a workbook file's text; a file that is not one leaves the sheet as it was, with a message. */
  openText(name: string, text: string): void {
    const r = readWorkbook(text);
    if (!r.ok) {
      this.host.message(`${name}: ${problemsText(r.errors)}. The open workbook is unchanged.`);
      return;
    }
    if (this.storage !== null) addRecent(this.storage, { fileName: name, text, savedAt: Date.now() });
    this.show(r.value, name, false, `Opened ${name}.`, false);
  }

  async recent(): Promise<RecentEntry[]> {
    if (this.desktop.isDesktop)
      return (await this.desktop.recentFiles()).map((file) => ({ kind: 'desktop', file }) as const);
    return this.storage === null
      ? []
      : recentWorkbooks(this.storage).map((entry) => ({ kind: 'browser', entry }) as const);
  }

  async openRecent(entry: RecentEntry): Promise<void> {
    if (entry.kind === 'browser') {
      this.openText(entry.entry.fileName, entry.entry.text);
      return;
    }
    if (!(await this.desktop.openRecent(entry.file.path)))
      this.host.message(
        `${entry.file.name} could not be opened: it was moved, deleted or is no longer a workbook.`,
      );
  }

  /** The file's text: the workbook with the view saved under `ui`. */
  text(): string {
    return writeWorkbook(withView(this.known, this.host.view()));
  }

  private show(
    workbook: Workbook,
    fileName: string | null,
    dirty: boolean,
    message: string,
    fresh: boolean,
  ): void {
    this.pending = { workbook, fileName, dirty };
    this.host.open({ workbook, view: viewOf(workbook, this.host.view()), message, fresh });
    this.host.changed();
  }

  private onDesktopOpen(doc: OpenedDocument): void {
    if (doc.text === null) return;
    const r = readWorkbook(doc.text);
    if (!r.ok) {
      this.host.message(`${doc.name}: ${problemsText(r.errors)}`);
      return;
    }
    this.show(
      r.value,
      doc.name,
      doc.recovered !== null,
      doc.recovered === null ? `Opened ${doc.name}.` : `Recovered unsaved work in ${doc.name}.`,
      true,
    );
  }

  private onMenu(e: CustomEvent<MenuDetail>): void {
    const command = e.detail.command;
    if (command === 'save' || command === 'save-as') {
      e.preventDefault();
      void this.save(command === 'save-as');
    } else if (command === 'export') {
      e.preventDefault();
      this.host.showExport();
    }
  }

  private scheduleKeep(): void {
    if (!this.started || this.desktop.isDesktop || this.storage === null) return;
    if (this.keepTimer !== null) clearTimeout(this.keepTimer);
    this.keepTimer = setTimeout(() => this.keepNow(), KEEP_DELAY_MS);
  }

  private keepNow(): void {
    if (this.keepTimer !== null) clearTimeout(this.keepTimer);
    this.keepTimer = null;
    if (!this.started || this.desktop.isDesktop || this.storage === null) return;
    const { dirty } = this.title();
    const outcome = keepLast(this.storage, {
      fileName: this.fileName,
      text: this.text(),
      dirty,
      savedAt: Date.now(),
    });
    // Said once when keeping stops working, not after every edit.
    if (outcome !== null && outcome !== this.keepMessage) this.host.message(outcome);
    this.keepMessage = outcome;
  }

  private listen(type: string, listener: EventListener): void {
    window.addEventListener(type, listener);
    this.listeners.push([type, listener]);
  }
}
