import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { formatCellNumber } from '../src-core/io/number-text';
import { copyBlock } from '../src-core/sheet/edit-paste';
import type { ColourScaleName } from './colour';
import { pasteInto } from './grid-clipboard';
import { GridDrawing, NEAR } from './grid-draw';
import { CellEditor } from './grid-editor';
import type { CellEditDetail, CellHoverDetail, CellSelectDetail, Viewport } from './grid-events';
import { DOM_CELL_LIMIT } from './grid-paint';
import {
  navigate,
  rangeOf,
  sameSelection,
  single,
  type CellPosition,
  type GridSelection,
} from './grid-selection';
import { gridStyles } from './grid-styles';

export type { CellPosition, GridSelection } from './grid-selection';
export type {
  CellEditDetail,
  CellHoverDetail,
  CellSelectDetail,
  GridCellChange,
  Viewport,
} from './grid-events';

/**
 * A grid of numbers coloured by value, edited like a spreadsheet when `editable`. Up to DOM_CELL_LIMIT
 * cells it is DOM cells; beyond, a heatmap canvas with one overlay editor.
 *
 * Keys: arrows move (Shift extends the range, Ctrl jumps to the edge), Home/End, Ctrl+A; typing replaces
 * the active cell, F2 or a double click edits it in place, Enter and Tab commit and move (Shift goes
 * back), Ctrl+Enter fills the range, Escape cancels, Delete sets the range to 0; Ctrl+C / Ctrl+V copy
 * and paste tab-separated text as spreadsheets do. The grid never changes its own `values`.
 *
 * @fires cell-select - CustomEvent<CellSelectDetail>: the selection moved.
 * @fires cell-edit - CustomEvent<CellEditDetail>: the user set cells (typed, pasted, deleted).
 * @fires cell-error - CustomEvent<{message: string}>: typed or pasted text was refused; nothing changed.
 * @fires cell-copy - CustomEvent<{range: CellRange}>: a range went to the clipboard.
 * @fires cell-hover - CustomEvent<CellHoverDetail | null>: the pointer is over a cell (null: left).
 */
export class CsGrid extends LitElement {
  static override properties = {
    values: { attribute: false },
    rows: { type: Number },
    cols: { type: Number },
    label: { type: String, reflect: true },
    editable: { type: Boolean },
    decimals: { type: Number },
    numbers: { type: Boolean },
    scale: { type: String },
    limit: { attribute: false },
    marks: { attribute: false },
    selection: { attribute: false },
    cellWidth: { type: Number },
    cellHeight: { type: Number },
    fontSize: { type: Number },
    viewport: { attribute: false },
  };

  /** The values, row-major, rows x cols. A new array (or view) means new values: identity drives repaint. */
  declare values: ArrayLike<number>;
  declare rows: number;
  declare cols: number;
  /** Accessible name of the grid: its caption on the sheet. */
  declare label: string;
  declare editable: boolean;
  /** Decimals shown in each cell. */
  declare decimals: number;
  /** False when zoomed out: colours only, no numbers. */
  declare numbers: boolean;
  declare scale: ColourScaleName;
  /** Value at which the colour saturates; undefined normalises the grid to its own largest magnitude. */
  declare limit: number | undefined;
  /** Per cell: 0, or 1 receptive field / 2 one layer back / 3 dependent (grid-paint MARK_CLASSES). */
  declare marks: Uint8Array | null;
  declare selection: GridSelection | null;
  /** Cell size in CSS px, at the sheet's zoom. */
  declare cellWidth: number;
  declare cellHeight: number;
  declare fontSize: number;
  /** Heatmaps draw numbers only where the sheet is visible; null means the whole grid. */
  declare viewport: Viewport | null;

  private drawing = new GridDrawing();
  private visibility: IntersectionObserver | null = null;
  /** Typing started the edit (arrows commit, as Excel's Enter mode) rather than F2 (arrows move the caret). */
  private editor = new CellEditor(this);
  private hovered = -1;
  private revealFocus = false;

  constructor() {
    super();
    this.values = [];
    this.rows = 0;
    this.cols = 0;
    this.label = '';
    this.editable = false;
    this.decimals = 2;
    this.numbers = true;
    this.scale = 'diverging';
    this.limit = undefined;
    this.marks = null;
    this.selection = null;
    this.cellWidth = 38;
    this.cellHeight = 20;
    this.fontSize = 11;
    this.viewport = null;
  }

  static override styles = gridStyles;

  private get heatmap(): boolean {
    return this.rows * this.cols > DOM_CELL_LIMIT;
  }

  override render() {
    const w = this.cols * this.cellWidth;
    const h = this.rows * this.cellHeight;
    const focus = this.selection?.focus;
    const activeId = focus === undefined ? nothing : `c${focus.row}_${focus.col}`;
    return html`<div
      class=${this.numbers ? 'grid' : 'grid picture'}
      role="grid"
      aria-label=${this.label}
      aria-rowcount=${this.rows}
      aria-colcount=${this.cols}
      aria-readonly=${this.editable ? 'false' : 'true'}
      aria-multiselectable="true"
      aria-activedescendant=${activeId}
      tabindex="0"
      style="width:${w}px;height:${h}px;font-size:${this.fontSize}px"
      @keydown=${this.onKeyDown}
      @mousedown=${this.onMouseDown}
      @mousemove=${this.onMouseMove}
      @mouseleave=${this.onMouseLeave}
      @dblclick=${this.onDoubleClick}
      @copy=${this.onCopy}
      @paste=${this.onPaste}
    >
      <canvas class="heat" style="width:${w}px;height:${h}px"></canvas>
      <canvas class="overlay"></canvas>
      ${this.heatmap ? this.renderActiveCell() : html`<div class="cells" style=${this.trackStyle()}></div>`}
      ${this.renderRange()} ${this.editor.render()}
    </div>`;
  }

  private trackStyle(): string {
    const w = this.cellWidth;
    const h = this.cellHeight;
    return `grid-template-columns:repeat(${this.cols},${w}px);grid-auto-rows:${h}px;background-size:${w}px ${h}px`;
  }

  /** A heatmap's one gridcell: the active cell, for assistive technology. */
  private renderActiveCell() {
    const focus = this.selection?.focus;
    const value = focus === undefined ? 0 : this.valueAt(focus.row, focus.col);
    return html`<div class="sr" role="row">
      ${
        focus === undefined
          ? nothing
          : html`<div
              role="gridcell"
              id="c${focus.row}_${focus.col}"
              aria-rowindex=${focus.row + 1}
              aria-colindex=${focus.col + 1}
              aria-selected="true"
              aria-label=${formatCellNumber(value, this.decimals)}
            >
              ${formatCellNumber(value, this.decimals)}
            </div>`
      }
    </div>`;
  }

  private renderRange() {
    if (this.selection === null) return nothing;
    const r = rangeOf(this.selection);
    const f = this.selection.focus;
    return html`<div
        class="range"
        style="left:${r.col * this.cellWidth}px;top:${r.row * this.cellHeight}px;width:${
          r.cols * this.cellWidth
        }px;height:${r.rows * this.cellHeight}px"
      ></div>
      <div
        class="focus-box"
        style="left:${f.col * this.cellWidth}px;top:${f.row * this.cellHeight}px;width:${
          this.cellWidth
        }px;height:${this.cellHeight}px"
      ></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.visibility === null && typeof IntersectionObserver !== 'undefined') {
      // Grids off screen put off painting; this brings one up to date when it comes near the view.
      this.drawing.scrollRoot = scrollingAncestor(this);
      this.visibility = new IntersectionObserver(
        (entries) => {
          this.drawing.onScreen = entries[entries.length - 1]?.isIntersecting ?? false;
          if (this.drawing.onScreen && this.drawing.stale) this.requestUpdate();
        },
        { root: this.drawing.scrollRoot, rootMargin: `${NEAR * 100}%` },
      );
      this.visibility.observe(this);
    }
    this.drawing.draw(this.renderRoot, this, this, changed);
    if (this.revealFocus) {
      // Moving with the keys past the edge of the window scrolls the sheet to the active cell.
      this.revealFocus = false;
      this.renderRoot.querySelector('.focus-box')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.visibility?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.visibility?.unobserve(this);
  }

  /** Moves the keyboard focus to the grid itself. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('.grid')?.focus();
  }

  private valueAt(row: number, col: number): number {
    return this.values[row * this.cols + col] ?? 0;
  }

  /** Moves the selection and tells the owner (cell-select); a move to the same place does nothing. */
  select(next: GridSelection): void {
    if (sameSelection(next, this.selection)) return;
    this.selection = next;
    const detail: CellSelectDetail = { ...next.focus, selection: next, range: rangeOf(next) };
    this.emit('cell-select', detail);
  }

  /** Fires a bubbling, composed event, as every event of the grid is. */
  emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private cellAt(event: MouseEvent): CellPosition | null {
    const grid = this.renderRoot.querySelector('.grid');
    if (grid === null || this.rows === 0 || this.cols === 0) return null;
    const box = grid.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * this.cols);
    const row = Math.floor(((event.clientY - box.top) / box.height) * this.rows);
    if (row < 0 || col < 0 || row >= this.rows || col >= this.cols) return null;
    return { row, col };
  }

  private onMouseDown = (event: MouseEvent): void => {
    if (event.button !== 0) return;
    const at = this.cellAt(event);
    if (at === null) return;
    if (this.editor.editing && !this.editor.commit()) return;
    this.select(
      event.shiftKey && this.selection !== null
        ? { anchor: this.selection.anchor, focus: at }
        : single(at.row, at.col),
    );
  };

  private onMouseMove = (event: MouseEvent): void => {
    const at = this.cellAt(event);
    if (at === null) return;
    if (event.buttons === 1 && this.selection !== null && !this.editor.editing) {
      this.select({ anchor: this.selection.anchor, focus: at });
    }
    const index = at.row * this.cols + at.col;
    if (index === this.hovered) return;
    this.hovered = index;
    this.emit('cell-hover', { ...at, value: this.valueAt(at.row, at.col) } satisfies CellHoverDetail);
  };

  private onMouseLeave = (): void => {
    this.hovered = -1;
    this.emit('cell-hover', null);
  };

  private onDoubleClick = (event: MouseEvent): void => {
    const at = this.cellAt(event);
    if (at !== null && this.editable) this.editor.open(String(this.valueAt(at.row, at.col)), false);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (this.editor.editing) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const moved = navigate(this.selection, event.key, { shift: event.shiftKey, ctrl }, this.rows, this.cols);
    if (moved !== null) {
      event.preventDefault();
      this.select(moved);
      this.revealFocus = true;
      return;
    }
    const s = this.selection;
    if (s === null) return;
    if (event.key === 'Enter' || event.key === 'Tab') {
      const step = event.shiftKey ? -1 : 1;
      const next =
        event.key === 'Enter'
          ? { row: s.focus.row + step, col: s.focus.col }
          : { row: s.focus.row, col: s.focus.col + step };
      if (next.row < 0 || next.row >= this.rows || next.col < 0 || next.col >= this.cols) return;
      event.preventDefault();
      this.select(single(next.row, next.col));
      return;
    }
    if (ctrl || event.altKey) return;
    const printable = event.key.length === 1;
    const editKey = event.key === 'F2' || event.key === 'Delete' || event.key === 'Backspace';
    if (!printable && !editKey) return;
    if (!this.editable) {
      if (printable || editKey) this.refuseReadOnly();
      return;
    }
    event.preventDefault();
    if (event.key === 'F2') this.editor.open(String(this.valueAt(s.focus.row, s.focus.col)), false);
    else if (editKey) this.editor.setRange(rangeOf(s), 0);
    else this.editor.open(event.key, true);
  };

  private refuseReadOnly(): void {
    this.emit('cell-error', {
      message: `${this.label} is computed from the cells before it; edit the input, a filter or a bias`,
    });
  }

  private onCopy = (event: ClipboardEvent): void => {
    if (this.selection === null || this.editor.editing || event.clipboardData === null) return;
    event.preventDefault();
    const range = rangeOf(this.selection);
    event.clipboardData.setData(
      'text/plain',
      copyBlock(this.values, { offset: 0, rows: this.rows, cols: this.cols }, range),
    );
    this.emit('cell-copy', { range });
  };

  private onPaste = (event: ClipboardEvent): void => {
    if (this.selection === null || this.editor.editing) return;
    event.preventDefault();
    if (!this.editable) {
      this.refuseReadOnly();
      return;
    }
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const pasted = pasteInto(text, this.rows, this.cols, this.selection);
    if (!pasted.ok) {
      this.emit('cell-error', { message: `${this.label}: ${pasted.message}; nothing was changed` });
      return;
    }
    this.emit('cell-edit', { changes: pasted.changes } satisfies CellEditDetail);
    this.select(pasted.selection);
  };
}

/** The nearest ancestor in the same tree that scrolls (the sheet's scroller), or null: the window. */
function scrollingAncestor(element: Element): Element | null {
  for (let e = element.parentElement; e !== null; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (/auto|scroll/.test(style.overflowX + style.overflowY)) return e;
  }
  return null;
}

customElements.define('cs-grid', CsGrid);

declare global {
  interface HTMLElementTagNameMap {
    'cs-grid': CsGrid;
  }
}
