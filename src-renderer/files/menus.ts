/**
 * The File and Export drop-down menus and the browser's Save As name prompt. Every name shown (files,
 * grids) is text from a file or a workbook, so it is rendered as text, never as markup.
 */
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { sheetBlocks } from '../sheet-model';
import type { ViewSettings } from '../view';
import type { ExportOutcome, GridExport } from './exports';
import type { ImportApplyDetail } from './import-dialog';
import type { SourceResult } from './import-source';
import type { ImportTarget } from './import-target';
import type { SheetPngDetail } from './sheet-png-dialog';
import type { RecentEntry } from './workbook-document';
import './import-dialog';
import './sheet-png-dialog';

/** A file being imported: read so far (null while reading), and where it may go. */
export interface Importing {
  readonly fileName: string;
  readonly source: SourceResult | null;
  readonly targets: readonly ImportTarget[];
}

export interface DialogOptions {
  readonly importing: Importing | null;
  readonly resolved: ResolvedWorkbook | null;
  readonly view: ViewSettings;
  readonly sheetPng: boolean;
  readonly askingName: { readonly name: string } | null;
  readonly onImportApply: (e: CustomEvent<ImportApplyDetail>) => void;
  readonly onImportCancel: (message: string | null) => void;
  readonly onSheetPng: (e: CustomEvent<SheetPngDetail>) => void;
  readonly onSheetPngCancel: () => void;
  readonly onName: (name: string | null) => void;
}

/** Whichever dialog is open: the import preview, the sheet picture, the browser's Save As. */
export function renderDialogs(o: DialogOptions) {
  const i = o.importing;
  return html`${
    i === null
      ? nothing
      : html`<cs-import-dialog
          .fileName=${i.fileName}
          .source=${i.source}
          .targets=${i.targets}
          .resolved=${o.resolved}
          .view=${o.view}
          @import-apply=${o.onImportApply}
          @import-cancel=${(e: CustomEvent<{ message: string | null }>) => o.onImportCancel(e.detail.message)}
        ></cs-import-dialog>`
  }
  ${
    o.sheetPng && o.resolved !== null
      ? html`<cs-sheet-png-dialog
          .blocks=${sheetBlocks(o.resolved)}
          @sheet-png-export=${o.onSheetPng}
          @sheet-png-cancel=${o.onSheetPngCancel}
        ></cs-sheet-png-dialog>`
      : nothing
  }
  ${o.askingName === null ? nothing : renderSaveAs(o.askingName.name, o.onName)}`;
}

export type FileCommand = 'open' | 'save' | 'save-as' | 'import-input' | 'import-selected';

export interface FileMenuOptions {
  readonly desktop: boolean;
  readonly recent: readonly RecentEntry[];
  /** The selected grid's label when a file can be imported into it (the input, a filter, a bias). */
  readonly importTarget: string | null;
  readonly run: (command: FileCommand) => void;
  readonly openRecent: (entry: RecentEntry) => void;
}

/** Ctrl on Windows and Linux, ⌘ on macOS. */
const MOD = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '') ? '⌘' : 'Ctrl+';

function item(label: string, action: () => void, key = '', disabled = false) {
  return html`<button role="menuitem" ?disabled=${disabled} @click=${action}>
    <span>${label}</span>${key === '' ? nothing : html`<span class="key">${key}</span>`}
  </button>`;
}

/** Up and down arrows move between a menu's items, as in a native menu. */
function onMenuKey(e: KeyboardEvent): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const menu = e.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')];
  const at = items.indexOf(e.target as HTMLButtonElement);
  const next = items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
  e.preventDefault();
  next?.focus();
}

export function renderFileMenu(o: FileMenuOptions) {
  const recentName = (r: RecentEntry) => (r.kind === 'desktop' ? r.file.name : r.entry.fileName);
  return html`<div role="menu" aria-label="File" @keydown=${onMenuKey}>
    ${item('Open…', () => o.run('open'), `${MOD}O`)} ${item('Save', () => o.run('save'), `${MOD}S`)}
    ${item('Save As…', () => o.run('save-as'), `${MOD}Shift+S`)}
    <div role="separator"></div>
    <div class="heading">Recent workbooks</div>
    ${
      o.recent.length === 0
        ? html`<div class="note">None yet: workbooks you open or save appear here.</div>`
        : o.recent.map((r) => item(recentName(r), () => o.openRecent(r)))
    }
    <div role="separator"></div>
    ${item('Import into the input…', () => o.run('import-input'), o.desktop ? `${MOD}I` : '')}
    ${
      o.importTarget === null
        ? nothing
        : item(`Import into ${o.importTarget}…`, () => o.run('import-selected'))
    }
    ${
      o.desktop
        ? nothing
        : html`<div class="note">
            In this browser, saving downloads the file; the last workbook is kept between visits.
          </div>`
    }
  </div>`;
}

export interface ExportMenuOptions {
  /** The selected grid's label, or null. */
  readonly grid: string | null;
  readonly gridExports: readonly GridExport[];
  readonly run: (make: () => ExportOutcome) => void;
  readonly sheetPng: () => void;
  readonly xlsx: () => void;
}

export function renderExportMenu(o: ExportMenuOptions) {
  return html`<div role="menu" aria-label="Export" @keydown=${onMenuKey}>
    ${
      o.grid === null
        ? html`<div class="note">Click a grid on the sheet to export it on its own (CSV or PNG).</div>`
        : o.gridExports.map((g) => item(g.label, () => o.run(g.make)))
    }
    <div role="separator"></div>
    ${item('Sheet as a picture (PNG)…', o.sheetPng)}
    ${item('Workbook as Excel (.xlsx, live formulas)', o.xlsx)}
    <div class="note">The examples for learning are saved from the Learn panel.</div>
  </div>`;
}

/** Focuses the name with its base selected: the part one usually retypes, keeping `.convsheet.json`. */
function selectBase(element: Element | undefined): void {
  if (!(element instanceof HTMLInputElement)) return;
  // After the dialog is in the page: focus needs a connected element.
  queueMicrotask(() => {
    element.focus();
    element.setSelectionRange(0, element.value.replace(/(\.convsheet)?\.json$/i, '').length);
  });
}

/** The browser's Save As: a name for the downloaded file. */
export function renderSaveAs(name: string, answer: (name: string | null) => void) {
  const submit = (e: Event) => {
    e.preventDefault();
    const input = (e.target as HTMLElement).closest('.dialog')?.querySelector('input');
    const value = input?.value.trim() ?? '';
    answer(value === '' ? null : value);
  };
  return html`<div
    class="backdrop"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') answer(null);
    }}
  >
    <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="save-title" @submit=${submit}>
      <h2 id="save-title">Save workbook as</h2>
      <label
        >File name
        <input type="text" name="name" spellcheck="false" size="40" .value=${name} ${ref(selectBase)} />
      </label>
      <p class="hint">
        It is downloaded to your browser's downloads folder; .convsheet.json is added when missing.
      </p>
      <footer>
        <button type="button" class="cancel" @click=${() => answer(null)}>Cancel</button>
        <button type="submit" class="primary">Save</button>
      </footer>
    </form>
  </div>`;
}
