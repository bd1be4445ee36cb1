import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { formatCellNumber, parseCellNumber } from '../src-core/io/number-text';
import { colourOf, cssColour, maxAbs, textColourOn, type ColourScaleName } from './colour';

/** Where a cell is: row and column of a H x W grid. */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

export interface CellEditDetail extends CellPosition {
  /** Row-major index of the cell in the grid's values. */
  readonly index: number;
  readonly value: number;
}

/**
 * A grid of numbers coloured by value, edited like a spreadsheet when `editable`.
 *
 * Keys: arrows move, typing replaces the value, F2 edits in place, Enter commits and moves down, Tab
 * commits and moves right (Shift reverses both), Escape cancels, Delete sets 0.
 *
 * @fires cell-select - CustomEvent<CellPosition>: a cell was selected.
 * @fires cell-edit - CustomEvent<CellEditDetail>: the user committed a new value (the grid does not change
 *   its own `values`; the owner applies the edit and passes new values back).
 * @fires cell-error - CustomEvent<{message: string}>: typed text was refused; the cell keeps its value.
 */
export class CsGrid extends LitElement {
  static override properties = {
    values: { attribute: false },
    rows: { type: Number },
    cols: { type: Number },
    label: { type: String },
    editable: { type: Boolean },
    decimals: { type: Number },
    scale: { type: String },
    limit: { type: Number },
    selected: { attribute: false },
    editing: { state: true },
  };

  /** The values, row-major, rows x cols. */
  declare values: ArrayLike<number>;
  declare rows: number;
  declare cols: number;
  /** Accessible name of the grid: its block's title. */
  declare label: string;
  declare editable: boolean;
  /** Decimals shown in each cell. */
  declare decimals: number;
  declare scale: ColourScaleName;
  /** Value at which the colour saturates; when unset the grid normalises to its own largest magnitude. */
  declare limit: number | undefined;
  declare selected: CellPosition | null;
  /** Text being typed into the selected cell, or null when not editing. */
  declare editing: string | null;

  constructor() {
    super();
    this.values = [];
    this.rows = 0;
    this.cols = 0;
    this.label = '';
    this.editable = false;
    this.decimals = 2;
    this.scale = 'diverging';
    this.limit = undefined;
    this.selected = null;
    this.editing = null;
  }

  static override styles = css`
    :host {
      display: inline-block;
    }
    table {
      border-collapse: collapse;
      font:
        11px/1 ui-monospace,
        'DejaVu Sans Mono',
        Menlo,
        monospace;
      outline: none;
    }
    table:focus-visible {
      outline: 2px solid #1f6feb;
      outline-offset: 2px;
    }
    td {
      width: var(--cell-width, 38px);
      height: var(--cell-height, 20px);
      padding: 0 3px;
      text-align: right;
      border: 1px solid rgba(0, 0, 0, 0.08);
      box-sizing: border-box;
      white-space: nowrap;
      overflow: hidden;
      cursor: cell;
    }
    td[aria-selected='true'] {
      outline: 2px solid #1f6feb;
      outline-offset: -2px;
    }
    input {
      width: 100%;
      height: 100%;
      box-sizing: border-box;
      border: none;
      padding: 0;
      font: inherit;
      text-align: right;
      background: #fff;
      color: #000;
      outline: none;
    }
  `;

  override render() {
    const limit = this.limit ?? maxAbs(this.values);
    const rows = [];
    for (let r = 0; r < this.rows; r++) {
      const cells = [];
      for (let c = 0; c < this.cols; c++) cells.push(this.renderCell(r, c, limit));
      rows.push(
        html`<tr role="row">
          ${cells}
        </tr>`,
      );
    }
    return html`<table
      role="grid"
      aria-label=${this.label}
      aria-readonly=${this.editable ? 'false' : 'true'}
      tabindex="0"
      @keydown=${this.onKeyDown}
      @mousedown=${this.onMouseDown}
    >
      ${rows}
    </table>`;
  }

  private renderCell(r: number, c: number, limit: number) {
    const value = this.values[r * this.cols + c] ?? 0;
    const isSelected = this.selected?.row === r && this.selected.col === c;
    const fill = colourOf(value, limit, this.scale);
    const style = `background:${cssColour(fill)};color:${textColourOn(fill)}`;
    const content =
      isSelected && this.editing !== null
        ? html`<input
            aria-label="value of row ${r + 1}, column ${c + 1}"
            .value=${this.editing}
            @input=${this.onInput}
            @keydown=${this.onEditorKeyDown}
            @blur=${this.onEditorBlur}
          />`
        : formatCellNumber(value, this.decimals);
    return html`<td
      role="gridcell"
      data-row=${r}
      data-col=${c}
      aria-selected=${isSelected ? 'true' : nothing}
      title="row ${r + 1}, column ${c + 1}: ${value}"
      style=${style}
    >
      ${content}
    </td>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing !== null) {
      const input = this.renderRoot.querySelector('input');
      if (
        input !== null &&
        this.renderRoot instanceof ShadowRoot &&
        this.renderRoot.activeElement !== input
      ) {
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
    }
  }

  /** Moves the keyboard focus to the grid itself. */
  override focus(): void {
    this.renderRoot.querySelector('table')?.focus();
  }

  private select(row: number, col: number): void {
    const next = {
      row: Math.max(0, Math.min(this.rows - 1, row)),
      col: Math.max(0, Math.min(this.cols - 1, col)),
    };
    this.selected = next;
    this.dispatchEvent(
      new CustomEvent<CellPosition>('cell-select', { detail: next, bubbles: true, composed: true }),
    );
  }

  private onMouseDown = (event: MouseEvent): void => {
    const cell = (event.target as Element).closest('td');
    if (cell === null) return;
    const row = Number(cell.dataset.row);
    const col = Number(cell.dataset.col);
    if (this.editing !== null && this.selected !== null) {
      if (this.selected.row === row && this.selected.col === col) return;
      if (!this.commitText(this.selected)) return;
    }
    this.select(row, col);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (this.editing !== null) return;
    const at = this.selected ?? { row: 0, col: 0 };
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [event.shiftKey ? -1 : 1, 0],
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      this.select(at.row + move[0], at.col + move[1]);
      return;
    }
    if (event.key === 'Tab' && this.selected !== null) {
      const col = at.col + (event.shiftKey ? -1 : 1);
      if (col < 0 || col >= this.cols) return;
      event.preventDefault();
      this.select(at.row, col);
      return;
    }
    if (!this.editable || this.selected === null) return;
    if (event.key === 'F2') {
      event.preventDefault();
      this.editing = String(this.values[at.row * this.cols + at.col] ?? 0);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.commit(at, 0);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.editing = event.key;
    }
  };

  private onInput = (event: Event): void => {
    this.editing = (event.target as HTMLInputElement).value;
  };

  private onEditorKeyDown = (event: KeyboardEvent): void => {
    event.stopPropagation();
    const at = this.selected;
    if (at === null) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.stopEditing();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      if (!this.commitText(at)) return;
      if (event.key === 'Enter') this.select(at.row + (event.shiftKey ? -1 : 1), at.col);
      else this.select(at.row, at.col + (event.shiftKey ? -1 : 1));
    }
  };

  private onEditorBlur = (): void => {
    if (this.editing !== null && this.selected !== null) this.commitText(this.selected);
  };

  /** Commits the typed text; on text that is not a number, reports it and keeps the old value. */
  private commitText(at: CellPosition): boolean {
    const parsed = parseCellNumber(this.editing ?? '');
    if (!parsed.ok) {
      this.stopEditing();
      this.dispatchEvent(
        new CustomEvent('cell-error', {
          detail: { message: `${this.label} row ${at.row + 1}, column ${at.col + 1}: ${parsed.message}` },
          bubbles: true,
          composed: true,
        }),
      );
      return false;
    }
    this.stopEditing();
    this.commit(at, parsed.value);
    return true;
  }

  private stopEditing(): void {
    this.editing = null;
    this.focus();
  }

  private commit(at: CellPosition, value: number): void {
    const detail: CellEditDetail = { ...at, index: at.row * this.cols + at.col, value };
    this.dispatchEvent(
      new CustomEvent<CellEditDetail>('cell-edit', { detail, bubbles: true, composed: true }),
    );
  }
}

customElements.define('cs-grid', CsGrid);

declare global {
  interface HTMLElementTagNameMap {
    'cs-grid': CsGrid;
  }
}
