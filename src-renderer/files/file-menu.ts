import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { desktop as defaultDesktop, type Desktop } from '../desktop';
import { gridsOf, sheetBlocks, type GridSpec } from '../sheet-model';
import { DEFAULT_VIEW, type ViewSettings } from '../view';
import { dialogStyles } from './dialog-styles';
import { dropAction, pickWith, storageOf } from './drop';
import type { FilesChangeDetail, FilesOpenDetail } from './events';
import { gridExports, sheetPngExport, xlsxExport, type ExportContext, type ExportOutcome } from './exports';
import type { ImportApplyDetail } from './import-dialog';
import {
  decodeInBrowser,
  IMPORT_ACCEPT,
  readImportSource,
  type ChosenFile,
  type ImageDecoder,
} from './import-source';
import { targetsOf, type ImportTarget } from './import-target';
import { menuStyles } from './menu-styles';
import { renderDialogs, renderExportMenu, renderFileMenu, type Importing } from './menus';
import type { SheetPngDetail } from './sheet-png-dialog';
import { WorkbookDocument, type RecentEntry } from './workbook-document';

/**
 * The header's file commands: File (Open, Save, Save As, recent workbooks, Import), Import… and
 * Export (the selected grid as CSV or PNG, the sheet as a PNG, the workbook as .xlsx), the document's
 * title with `*` for unsaved changes, files dropped onto the input or a filter, and in the browser
 * Ctrl+O, Ctrl+S and Ctrl+Shift+S (the desktop app's menu sends those). It never changes the workbook
 * itself: it asks the app.
 *
 * @fires files-change - CustomEvent<FilesChangeDetail>: put an imported grid in place (one undoable change).
 * @fires files-open - CustomEvent<FilesOpenDetail>: show this workbook.
 * @fires files-message - CustomEvent<{message: string}>: for the status line.
 */
export class CsFiles extends LitElement {
  static override properties = {
    workbook: { attribute: false },
    resolved: { attribute: false },
    evaluation: { attribute: false },
    view: { attribute: false },
    selectedKey: { attribute: false },
    keepWork: { attribute: false },
    menu: { state: true },
    recentList: { state: true },
    importing: { state: true },
    sheetPngOpen: { state: true },
    askingName: { state: true },
  };

  declare workbook: Workbook | null;
  declare resolved: ResolvedWorkbook | null;
  declare evaluation: Evaluation | null;
  declare view: ViewSettings;
  /** Key of the grid selected on the sheet. */
  declare selectedKey: string | null;
  /**
   * True for the page's own app: it keeps the last workbook in the browser (or connects to the desktop
   * shell). An app a test mounts leaves both alone, so tests never see each other's work.
   */
  declare keepWork: boolean;
  declare menu: 'file' | 'export' | null;
  declare recentList: readonly RecentEntry[];
  declare importing: Importing | null;
  declare sheetPngOpen: boolean;
  /** Browser Save As: the name being edited, and where the answer goes. */
  declare askingName: { name: string; answer: (name: string | null) => void } | null;

  /** The desktop shell adapter; tests give their own. */
  desktop: Desktop = defaultDesktop;
  /** Image decoding; tests without a browser's decoders give their own. */
  decode: ImageDecoder = decodeInBrowser;
  private document: WorkbookDocument | null = null;

  static override styles = [dialogStyles, menuStyles];

  constructor() {
    super();
    this.workbook = null;
    this.resolved = null;
    this.evaluation = null;
    this.view = DEFAULT_VIEW;
    this.selectedKey = null;
    this.keepWork = false;
    this.menu = null;
    this.recentList = [];
    this.importing = null;
    this.sheetPngOpen = false;
    this.askingName = null;
  }

  /** Window listeners; drops are caught while capturing, before the desktop shell's own drop handler. */
  private listeners() {
    return [
      ['keydown', this.onKeyDown, false],
      ['pointerdown', this.onPointerDown, false],
      ['dragover', this.onDragOver, true],
      ['drop', this.onDrop, true],
    ] as const;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const [type, listener, capture] of this.listeners())
      window.addEventListener(type, listener as EventListener, { capture });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const [type, listener, capture] of this.listeners())
      window.removeEventListener(type, listener as EventListener, { capture });
    this.document?.stop();
    this.document = null;
  }

  protected override firstUpdated(): void {
    if (this.workbook === null) return;
    this.document = new WorkbookDocument(
      {
        workbook: () => this.workbook as Workbook,
        view: () => this.view,
        open: (detail) => this.fire('files-open', detail satisfies FilesOpenDetail),
        message: (message) => this.say(message),
        changed: () => this.requestUpdate(),
        importFile: (file) => void this.startImport(file, [{ kind: 'input' }]),
        showExport: () => this.openMenu('export'),
        askName: (name) => new Promise((answer) => (this.askingName = { name, answer })),
        pickFile: (accept) => this.pickFile(accept),
      },
      this.desktop,
      storageOf(),
    );
    if (this.keepWork) this.document.start();
  }

  /** Before rendering, so the title already knows whether the workbook arriving is an edit or an open. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workbook') && this.workbook !== null) this.document?.observe(this.workbook);
    if (changed.has('view') && changed.get('view') !== undefined) this.document?.viewChanged();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A menu opened from the keyboard is used from the keyboard: its first item takes the focus.
    if (changed.has('menu') && this.menu !== null)
      this.renderRoot.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const { name, dirty } = this.document?.title() ?? { name: '', dirty: false };
    if (name !== '') document.title = `${name}${dirty ? ' *' : ''} – ConvSheet`;
  }

  override render() {
    const { name, dirty } = this.document?.title() ?? { name: this.workbook?.name ?? '', dirty: false };
    const grid = this.selectedGrid();
    return html`<span class="menu">
        <button
          aria-haspopup="menu"
          aria-expanded=${this.menu === 'file'}
          @click=${() => this.toggleMenu('file')}
        >
          File
        </button>
        ${
          this.menu === 'file'
            ? renderFileMenu({
                desktop: this.desktop.isDesktop,
                recent: this.recentList,
                importTarget:
                  grid !== null && this.importTargets(grid).some((t) => t.kind === 'window')
                    ? grid.label
                    : null,
                run: (command) => this.runFile(command),
                openRecent: (entry) => this.act(() => this.document?.openRecent(entry)),
              })
            : nothing
        }
      </span>
      <button
        class="import"
        title="Import a CSV, an image, a range of an .xlsx or another workbook's input"
        @click=${() => this.act(() => this.chooseImport([{ kind: 'input' }]))}
      >
        Import…
      </button>
      <span class="menu">
        <button
          aria-haspopup="menu"
          aria-expanded=${this.menu === 'export'}
          @click=${() => this.toggleMenu('export')}
        >
          Export
        </button>
        ${
          this.menu === 'export'
            ? renderExportMenu({
                grid: grid === null ? null : grid.label,
                gridExports:
                  grid === null || this.context() === null
                    ? []
                    : gridExports(this.context() as ExportContext, grid),
                run: (make) => this.act(() => this.deliver(make())),
                sheetPng: () => this.act(() => (this.sheetPngOpen = true)),
                xlsx: () => this.act(() => this.exportXlsx()),
              })
            : nothing
        }
      </span>
      <span class="title" title=${name}>${name}${dirty ? ' *' : ''}</span>
      <input type="file" hidden aria-hidden="true" />
      ${this.renderDialogs()}`;
  }

  private renderDialogs() {
    return renderDialogs({
      importing: this.importing,
      resolved: this.resolved,
      view: this.view,
      sheetPng: this.sheetPngOpen,
      askingName: this.askingName,
      onImportApply: this.onImportApply,
      onImportCancel: (message) => {
        this.importing = null;
        if (message !== null) this.say(message);
      },
      onSheetPng: this.onSheetPng,
      onSheetPngCancel: () => (this.sheetPngOpen = false),
      onName: (name) => {
        this.askingName?.answer(name);
        this.askingName = null;
      },
    });
  }

  /** The grid selected on the sheet, looked up by its key in the current shapes. */
  private selectedGrid(): GridSpec | null {
    if (this.selectedKey === null || this.resolved === null) return null;
    return (
      sheetBlocks(this.resolved)
        .flatMap(gridsOf)
        .find((g) => g.key === this.selectedKey) ?? null
    );
  }

  private importTargets(grid: GridSpec): ImportTarget[] {
    return this.resolved === null ? [] : targetsOf(this.resolved, grid);
  }

  private context(): ExportContext | null {
    if (this.resolved === null || this.evaluation === null || this.document === null) return null;
    return {
      resolved: this.resolved,
      evaluation: this.evaluation,
      view: this.view,
      documentName: this.document.fileNameForSave(),
    };
  }

  private runFile(command: 'open' | 'save' | 'save-as' | 'import-input' | 'import-selected'): void {
    this.act(() => {
      const doc = this.document;
      if (command === 'open') return doc?.open();
      if (command === 'save' || command === 'save-as') return doc?.save(command === 'save-as');
      const grid = this.selectedGrid();
      return this.chooseImport(
        command === 'import-selected' && grid !== null ? this.importTargets(grid) : [{ kind: 'input' }],
      );
    });
  }

  /** Closes the menu and runs a command, reporting what it throws instead of losing it. */
  private act(command: () => unknown): void {
    this.menu = null;
    Promise.resolve()
      .then(command)
      .catch((error: unknown) =>
        this.say(`That did not work: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  private async chooseImport(targets: readonly ImportTarget[]): Promise<void> {
    if (this.desktop.isDesktop && targets.length === 1 && targets[0]?.kind === 'input') {
      const file = await this.desktop.importInput();
      if (file !== null) await this.startImport(file, targets);
      return;
    }
    const file = await this.pickFile(IMPORT_ACCEPT);
    if (file !== null)
      await this.startImport({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, targets);
  }

  /** Opens a workbook file's text (File > Open, a dropped workbook); one that is not a workbook is refused with a message. */
  openText(name: string, text: string): void {
    this.document?.openText(name, text);
  }

  /** Opens the preview for a file; it reads while the dialog says so. */
  async startImport(file: ChosenFile, targets: readonly ImportTarget[]): Promise<void> {
    const importing: Importing = { fileName: file.name, source: null, targets };
    this.importing = importing;
    const source = await readImportSource(file, this.decode);
    if (this.importing === importing) this.importing = { ...importing, source };
  }

  private onImportApply = (e: CustomEvent<ImportApplyDetail>): void => {
    this.importing = null;
    const detail: FilesChangeDetail = { change: e.detail.change, structural: e.detail.structural };
    this.fire('files-change', detail);
  };

  private onSheetPng = (e: CustomEvent<SheetPngDetail>): void => {
    this.sheetPngOpen = false;
    const c = this.context();
    if (c !== null)
      this.act(async () => this.deliver(await sheetPngExport(c, e.detail.blocks, e.detail.cell)));
  };

  private async exportXlsx(): Promise<void> {
    const c = this.context();
    if (c === null) return;
    this.say('Writing the .xlsx…');
    await this.deliver(await xlsxExport(c));
  }

  private async deliver(outcome: ExportOutcome): Promise<void> {
    if (!outcome.ok) {
      this.say(outcome.message);
      return;
    }
    const r = await this.desktop.exportFile(outcome.file.name, outcome.file.data);
    if (r.status === 'saved') this.say(`Exported ${r.name}.`);
    else if (r.status === 'failed') this.say(`Not exported: ${r.message}`);
  }

  private pickFile(accept: string): Promise<File | null> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]');
    return input === null ? Promise.resolve(null) : pickWith(input, accept);
  }

  private toggleMenu(menu: 'file' | 'export'): void {
    if (this.menu === menu) this.menu = null;
    else this.openMenu(menu);
  }

  private openMenu(menu: 'file' | 'export'): void {
    this.menu = menu;
    if (menu === 'file') void this.document?.recent().then((list) => (this.recentList = list));
  }

  private onPointerDown = (e: PointerEvent): void => {
    if (this.menu !== null && !e.composedPath().includes(this)) this.menu = null;
  };

  private onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.menu !== null) this.menu = null;
    // The desktop menu's accelerators send these as menu commands; taking them here too would run them twice.
    if (this.desktop.isDesktop || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'o' && !e.shiftKey) {
      e.preventDefault();
      this.runFile('open');
    } else if (key === 's') {
      e.preventDefault();
      this.runFile(e.shiftKey ? 'save-as' : 'save');
    }
  };

  private onDragOver = (e: DragEvent): void => {
    if (e.dataTransfer?.types.includes('Files') !== true) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };

  private onDrop = (e: DragEvent): void => {
    const file = e.dataTransfer?.files[0];
    if (file === undefined || this.resolved === null) return;
    const action = dropAction(e.composedPath(), file.name, this.resolved, this.desktop.isDesktop);
    if (action.kind === 'ignore') return;
    e.preventDefault();
    e.stopPropagation();
    if (action.kind === 'refuse') this.say(action.message);
    else if (action.kind === 'open')
      this.act(async () => this.document?.openText(file.name, await file.text()));
    else
      this.act(async () =>
        this.startImport({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, action.targets),
      );
  };

  private say(message: string): void {
    this.fire('files-message', { message });
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('cs-files', CsFiles);

declare global {
  interface HTMLElementTagNameMap {
    'cs-files': CsFiles;
  }
}
