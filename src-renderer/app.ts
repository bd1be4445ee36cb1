import { LitElement, html, nothing } from 'lit';
import { filterPreset } from '../src-core/presets/filters';
import { SAMPLE_WORKBOOKS, firstRunWorkbook, sampleWorkbook } from '../src-core/presets/workbooks';
import { checked, setValues, type EditResult } from '../src-core/sheet/edit';
import { addLayer, changeLayer, moveLayer, removeLayer } from '../src-core/sheet/edit-settings';
import type { Issue } from '../src-core/sheet/issues';
import type { LayerType, Workbook } from '../src-core/sheet/types';
import { appStyles } from './app-styles';
import { followGrid, inspectionOf, MarksCache } from './app-selection';
import type { LayerChangeDetail, SettingError } from './layer-settings';
import { Session } from './session';
import type { SheetEditDetail, SheetHoverDetail, SheetSelectDetail, SheetSelection } from './sheet';
import type { GridSpec } from './sheet-model';
import { DEFAULT_VIEW, type ViewSettings } from './view';
import { formatCellNumber } from '../src-core/io/number-text';
import { emptyHistory } from '../src-core/sheet/edit-history';
import type { FilesChangeDetail, FilesOpenDetail } from './files/events';
import './files/file-menu';
import { learnDrawer } from './learn/learn-drawer';
import type { MenuDetail } from './desktop';
import { menuAction, shortcutAction, type CommandTarget } from './app-commands';
import './inspector';
import './layer-panel';
import './sheet';
import './view-controls';
import type { CellRef } from '../src-core/sheet/precedents';
import { selectedCellOf, selectionAt, viewAfter } from './lessons/app-link';
import type { OpenedLesson } from './lessons/lesson-panel';
import type { LessonEditDetail } from './lessons/tool-base';
import './lessons/lesson-menu';
import './lessons/lesson-panel';

/**
 * The application: toolbar, formula bar, layer panel, the sheet and a status line. It owns the
 * workbook (through a Session) and the view settings; the components below it get data through
 * properties and report through events, and every change comes back here as an undoable edit.
 */
export class CsApp extends LitElement {
  static override properties = {
    view: { state: true },
    selected: { state: true },
    layer: { state: true },
    message: { state: true },
    hover: { state: true },
    settingError: { state: true },
    listError: { state: true },
    revision: { state: true },
    lesson: { state: true },
    learnOpen: { state: true },
  };

  declare view: ViewSettings;
  declare selected: SheetSelection | null;
  /** The layer whose settings the panel shows (-1: the input). */
  declare layer: number;
  declare message: string;
  declare hover: string;
  declare settingError: SettingError | null;
  declare listError: string | null;
  /** Bumped on every change to the session, which Lit does not watch itself. */
  declare revision: number;
  /** The lesson (or the teaching tools alone) shown in the side panel; null: no panel. */
  declare lesson: OpenedLesson | null;
  /** Whether the Learn drawer is open. */
  declare learnOpen: boolean;

  readonly session = new Session(firstRunWorkbook());
  private selectedGrid: GridSpec | null = null;
  /** The Learn drawer has been opened (it is kept, hidden, once it has). */
  private learnMounted = false;
  private readonly marks = new MarksCache();

  static override styles = appStyles;

  constructor() {
    super();
    this.view = DEFAULT_VIEW;
    this.selected = null;
    this.layer = 0;
    this.message = 'Click a cell to see its formula; type into a filter and every map downstream recomputes.';
    this.hover = '';
    this.settingError = null;
    this.listError = null;
    this.revision = 0;
    this.lesson = null;
    this.learnOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('convsheet-menu', this.onMenu);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('convsheet-menu', this.onMenu);
  }

  /** The desktop menu's Edit and View items act on the sheet (the file items are cs-files' own). */
  private onMenu = (e: CustomEvent<MenuDetail>): void => {
    const action = menuAction(this.commands, e.detail.command);
    if (action === undefined) return;
    e.preventDefault();
    action();
  };

  private onKeyDown = (e: KeyboardEvent): void => {
    const action = shortcutAction(this.commands, e);
    if (action === undefined) return;
    e.preventDefault();
    action();
  };

  private readonly commands: CommandTarget = ((app: CsApp): CommandTarget => ({
    get view() {
      return app.view;
    },
    setView: (view) => (app.view = view),
    undo: () => app.onUndo(),
    redo: () => app.onRedo(),
  }))(this);

  override render() {
    const s = this.session;
    return html`<header class="toolbar">
        <h1>ConvSheet</h1>
        <cs-files
          .workbook=${s.workbook}
          .resolved=${s.resolved}
          .evaluation=${s.evaluation}
          .view=${this.view}
          .selectedKey=${this.selected?.key ?? null}
          .keepWork=${this.hasAttribute('keep-work')}
          @files-change=${this.onFilesChange}
          @files-open=${this.onFilesOpen}
          @files-message=${(e: CustomEvent<{ message: string }>) => (this.message = e.detail.message)}
        ></cs-files>
        <cs-lesson-menu
          @lesson-open=${(e: CustomEvent<OpenedLesson>) => (this.lesson = e.detail)}
          @lesson-error=${(e: CustomEvent<{ message: string }>) => (this.message = e.detail.message)}
        ></cs-lesson-menu>
        <button
          class="learn-toggle"
          aria-pressed=${this.learnOpen ? 'true' : 'false'}
          @click=${() => {
            this.learnOpen = !this.learnOpen;
            this.learnMounted = true;
          }}
          title="Fit the filters to labelled examples by gradient descent"
        >
          Learn filter
        </button>
        <label
          >Sample
          <select aria-label="open a sample workbook" @change=${this.onSample}>
            <option value="" selected>choose…</option>
            ${SAMPLE_WORKBOOKS.map((w) => html`<option value=${w.id} title=${w.description}>${w.title}</option>`)}
          </select></label
        >
        <span class="group">
          <button @click=${this.onUndo} ?disabled=${s.history.past.length === 0} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button @click=${this.onRedo} ?disabled=${s.history.future.length === 0} title="Redo (Ctrl+Y)">
            Redo
          </button>
        </span>
        <cs-view-controls
          .view=${this.view}
          @view-change=${(e: CustomEvent<{ view: ViewSettings }>) => (this.view = e.detail.view)}
        ></cs-view-controls>
      </header>
      <cs-inspector
        .inspection=${inspectionOf(s, this.selectedGrid, this.selected, this.view.decimals)}
      ></cs-inspector>
      <main>
        <cs-layer-panel
          .resolved=${s.resolved}
          .selected=${this.layer}
          .error=${this.settingError}
          .listError=${this.listError}
          @layer-select=${(e: CustomEvent<{ index: number }>) => (this.layer = e.detail.index)}
          @layer-change=${this.onLayerChange}
          @setting-error=${(e: CustomEvent<SettingError>) => (this.settingError = e.detail)}
          @layer-add=${(e: CustomEvent<{ at: number; type: LayerType }>) =>
            this.layerEdit(addLayer(s.workbook, e.detail.at, e.detail.type), e.detail.at)}
          @layer-remove=${(e: CustomEvent<{ index: number }>) =>
            this.layerEdit(
              removeLayer(s.workbook, e.detail.index),
              Math.min(e.detail.index, s.workbook.layers.length - 2),
            )}
          @layer-move=${(e: CustomEvent<{ index: number; to: number }>) =>
            this.layerEdit(moveLayer(s.workbook, e.detail.index, e.detail.to), e.detail.to)}
        ></cs-layer-panel>
        <cs-sheet
          .resolved=${s.resolved}
          .evaluation=${s.evaluation}
          .stamps=${s.stamps}
          .view=${this.view}
          .selected=${this.selected}
          .marks=${this.marks.get(s, this.selectedGrid, this.selected)}
          @sheet-select=${this.onSelect}
          @sheet-edit=${this.onEdit}
          @sheet-hover=${this.onHover}
          @preset-apply=${this.onPreset}
          @zoom-change=${(e: CustomEvent<{ zoom: number }>) => this.zoom(e.detail.zoom)}
          @cell-error=${(e: CustomEvent<{ message: string }>) => (this.message = e.detail.message)}
          @cell-copy=${() => (this.message = 'Copied: paste into any spreadsheet, or into another grid.')}
        ></cs-sheet>
        ${
          this.lesson === null
            ? nothing
            : html`<cs-lesson-panel
                .opened=${this.lesson}
                .resolved=${s.resolved}
                .evaluation=${s.evaluation}
                .selectedCell=${selectedCellOf(this.selectedGrid, this.selected)}
                @lesson-edit=${this.onLessonEdit}
                @lesson-select=${this.onLessonSelect}
                @lesson-close=${() => (this.lesson = null)}
              ></cs-lesson-panel>`
        }
      </main>
      ${learnDrawer({
        session: s,
        open: this.learnOpen,
        mounted: this.learnMounted,
        apply: (result, structural) => void this.applyChange(result, structural),
        changed: (errors) => {
          if (errors !== null) this.message = messagesOf(errors).join(' ');
          this.changed();
        },
        say: (message) => (this.message = message),
      })}
      <footer>
        <span role="status" aria-live="polite" class="message">${this.message}</span>
        <span class="hover">${this.hover}</span>
        <span class="stats">${this.stats()}</span>
      </footer>`;
  }

  private stats() {
    const s = this.session;
    // An overflow is the most urgent thing to say: every map after that layer is meaningless.
    const warning = s.overflow[0] !== undefined ? { message: s.overflow[0] } : s.warnings[0];
    const timing = Number.isNaN(s.lastRecompute) ? '' : ` · recomputed in ${s.lastRecompute.toFixed(1)} ms`;
    return html`${s.resolved.params.toLocaleString('en')}
    parameters${timing}${
      warning === undefined ? nothing : html` · <span class="warning">${warning.message}</span>`
    }`;
  }

  private onSelect = (e: CustomEvent<SheetSelectDetail>): void => {
    const { grid, selection } = e.detail;
    this.selectedGrid = grid;
    this.selected = { key: grid.key, selection };
    const layer = grid.source.kind === 'map' ? grid.source.layer : grid.source.target.layer;
    if (layer !== this.layer) this.layer = layer;
  };

  private onEdit = (e: CustomEvent<SheetEditDetail>): void => {
    const { grid, changes } = e.detail;
    if (grid.source.kind === 'map' && grid.source.layer !== -1) return;
    const target = grid.source.kind === 'map' ? ({ kind: 'input' } as const) : grid.source.target;
    const only = changes.length === 1 ? changes[0] : undefined;
    const what =
      only === undefined
        ? `${grid.label}: ${changes.length} cells set`
        : `${grid.label}, row ${Math.floor((only.index - grid.offset) / grid.cols) + 1}, column ${((only.index - grid.offset) % grid.cols) + 1} set to ${only.value}`;
    this.valueEdit(setValues(this.session.workbook, target, changes, what));
  };

  private onPreset = (e: CustomEvent<{ grid: GridSpec; preset: string }>): void => {
    const { grid, preset } = e.detail;
    const p = filterPreset(preset);
    if (p === undefined || grid.source.kind !== 'parameter') return;
    const changes = p.values.map((value, i) => ({ index: grid.offset + i, value }));
    this.valueEdit(setValues(this.session.workbook, grid.source.target, changes, `${grid.label}: ${p.name}`));
  };

  /**
   * Applies a change as one undoable step and says what happened: `done` on success (by default the
   * change's own label), otherwise the rules it broke. Returns the errors, or null.
   */
  private applyChange(result: EditResult, structural: boolean, done?: string): readonly Issue[] | null {
    const errors = this.session.apply(result, structural);
    if (errors !== null) this.message = messagesOf(errors).join(' ');
    else this.message = done ?? (result.ok ? result.value.label : '');
    this.changed();
    return errors;
  }

  private valueEdit(result: EditResult): void {
    this.applyChange(result, false);
  }

  private onLayerChange = (e: CustomEvent<LayerChangeDetail>): void => {
    const { index, setting, patch } = e.detail;
    const errors = this.session.apply(changeLayer(this.session.workbook, index, patch), true);
    this.settingError = errors === null ? null : { layer: index, setting, messages: messagesOf(errors) };
    this.message =
      errors === null
        ? `${this.session.workbook.layers[index]?.name ?? ''}: ${setting} changed`
        : 'The sheet keeps its last valid state: see the message beside the setting.';
    this.changed();
  };

  private layerEdit(result: EditResult, select: number): void {
    const errors = this.session.apply(result, true);
    this.listError = errors === null ? null : messagesOf(errors).join(' ');
    this.settingError = null;
    if (errors === null) {
      this.layer = Math.max(-1, Math.min(select, this.session.workbook.layers.length - 1));
      this.message = result.ok ? result.value.label : '';
    }
    this.changed();
  }

  /**
   * Shows another workbook (a sample, or one read from a file), as an undoable change; returns the
   * errors instead when it breaks a rule, and the sheet stays as it was.
   */
  openWorkbook(workbook: Workbook, message: string): readonly Issue[] | null {
    const opened = checked(workbook, 0, `open ${workbook.name ?? 'workbook'}`);
    // Undoing an open brings the old document back whole, its `learn` object too.
    const errors = this.applyChange(
      opened.ok ? { ...opened, value: { ...opened.value, document: true } } : opened,
      true,
      message,
    );
    if (errors === null) this.layer = 0;
    return errors;
  }

  /** An import from a file: one undoable change, like any edit. */
  private onFilesChange = (e: CustomEvent<FilesChangeDetail>): void => {
    const { change, structural } = e.detail;
    this.applyChange(change, structural, change.ok ? `Done: ${change.value.label}` : '');
  };

  /** A workbook from a file, with the view it was saved with; one restored on load starts the history. */
  private onFilesOpen = (e: CustomEvent<FilesOpenDetail>): void => {
    const { workbook, view, message, fresh } = e.detail;
    if (view !== null) this.view = view;
    const errors = this.openWorkbook(workbook, message);
    if (errors === null && fresh) this.session.history = emptyHistory();
  };

  /** A lesson step or a teaching tool changes the sheet: one undoable change, like any edit. */
  private onLessonEdit = (e: CustomEvent<LessonEditDetail>): void => {
    const errors = this.applyChange(e.detail.result, e.detail.structural, e.detail.message);
    if (errors === null) this.view = viewAfter(e.detail, this.view);
  };

  /** A lesson selects a cell: the sheet traces it and the formula bar explains it, as after a click. */
  private onLessonSelect = (e: CustomEvent<CellRef>): void => {
    const at = selectionAt(this.session.resolved, e.detail);
    if (at === null) return;
    this.selectedGrid = at.grid;
    this.selected = { key: at.grid.key, selection: at.selection };
    this.layer = e.detail.layer;
  };

  private onSample = (e: Event): void => {
    const select = e.target as HTMLSelectElement;
    const sample = sampleWorkbook(select.value);
    select.value = '';
    if (sample !== undefined)
      this.openWorkbook(sample.build(), `Opened "${sample.title}": ${sample.description}`);
  };

  private onUndo = (): void => {
    const label = this.session.undo();
    this.message = label === null ? 'Nothing to undo.' : `Undone: ${label}`;
    this.changed();
  };

  private onRedo = (): void => {
    const label = this.session.redo();
    this.message = label === null ? 'Nothing to redo.' : `Redone: ${label}`;
    this.changed();
  };

  private onHover = (e: CustomEvent<SheetHoverDetail | null>): void => {
    const d = e.detail;
    this.hover =
      d === null
        ? ''
        : `${d.grid.label} · row ${d.row + 1}, column ${d.col + 1}: ${formatCellNumber(d.value, Math.max(this.view.decimals, 4))}`;
  };

  private zoom(zoom: number): void {
    this.view = { ...this.view, zoom };
  }

  /** After any change: the selection follows its grid if the grid still exists, and Lit re-renders. */
  private changed(): void {
    const grid = this.selectedGrid === null ? null : followGrid(this.session, this.selectedGrid);
    if (grid === null) this.selected = null;
    this.selectedGrid = grid;
    this.revision++;
  }
}

function messagesOf(errors: readonly Issue[]): string[] {
  return errors.map((e) => e.message);
}

customElements.define('cs-app', CsApp);

declare global {
  interface HTMLElementTagNameMap {
    'cs-app': CsApp;
  }
}
