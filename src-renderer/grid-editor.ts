/**
 * Typing into a grid's active cell: one input over the cell, opened by typing (replace the number)
 * or F2 / a double click (edit it), committed by Enter, Tab, an arrow key after typing over (as Excel's
 * Enter mode) or leaving the cell, cancelled by Escape. Text that is not a number is refused with a
 * message, and the cell keeps its value.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { parseCellNumber } from '../src-core/io/number-text';
import type { CellRange } from '../src-core/sheet/edit-paste';
import type { CellEditDetail, GridCellChange } from './grid-events';
import { navigate, rangeOf, single, type GridSelection } from './grid-selection';

/** What the editor needs of its grid. */
export interface EditorHost extends ReactiveControllerHost {
  readonly selection: GridSelection | null;
  readonly rows: number;
  readonly cols: number;
  readonly label: string;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Moves the selection and tells the grid's owner. */
  select(next: GridSelection): void;
  emit(type: string, detail: unknown): void;
  /** Keyboard focus back to the grid. */
  focus(): void;
}

export class CellEditor implements ReactiveController {
  /** Text being typed into the active cell, or null when not editing. */
  text: string | null = null;
  /** Typing started the edit: arrows commit and move, rather than move the caret. */
  private typedOver = false;
  private opened = false;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** After the grid renders: the input just opened takes the focus, caret at the end. */
  hostUpdated(): void {
    if (!this.opened) return;
    this.opened = false;
    const input = this.host.renderRoot.querySelector('input');
    if (input === null) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  get editing(): boolean {
    return this.text !== null;
  }

  open(text: string, typedOver: boolean): void {
    this.text = text;
    this.typedOver = typedOver;
    this.opened = true;
    this.host.requestUpdate();
  }

  render() {
    const h = this.host;
    const focus = h.selection?.focus;
    if (this.text === null || focus === undefined) return nothing;
    const width = Math.max(h.cellWidth, 9 * h.fontSize);
    const height = Math.max(h.cellHeight, h.fontSize + 8);
    return html`<input
      aria-label="${h.label}, row ${focus.row + 1}, column ${focus.col + 1}"
      style="left:${focus.col * h.cellWidth}px;top:${focus.row * h.cellHeight}px;width:${width}px;height:${height}px"
      .value=${this.text}
      @input=${this.onInput}
      @keydown=${this.onKeyDown}
      @blur=${this.onBlur}
      @mousedown=${(e: Event) => e.stopPropagation()}
    />`;
  }

  /**
   * Commits the typed text to the active cell (or to `range`); text that is not a number is reported
   * and the cell keeps its value. Returns whether a number was committed.
   */
  commit(range?: CellRange, refocus = true): boolean {
    const focus = this.host.selection?.focus;
    if (focus === undefined) return false;
    const parsed = parseCellNumber(this.text ?? '');
    this.close(refocus);
    if (!parsed.ok) {
      this.host.emit('cell-error', {
        message: `${this.host.label}, row ${focus.row + 1}, column ${focus.col + 1}: ${parsed.message}`,
      });
      return false;
    }
    this.setRange(range ?? { row: focus.row, col: focus.col, rows: 1, cols: 1 }, parsed.value);
    return true;
  }

  close(refocus = true): void {
    this.text = null;
    this.host.requestUpdate();
    if (refocus) this.host.focus();
  }

  /** Sets every cell of a range to one value (typing with Ctrl+Enter, Delete). */
  setRange(r: CellRange, value: number): void {
    const changes: GridCellChange[] = [];
    for (let i = 0; i < r.rows; i++) {
      for (let j = 0; j < r.cols; j++) {
        const row = r.row + i;
        const col = r.col + j;
        changes.push({ row, col, index: row * this.host.cols + col, value });
      }
    }
    this.host.emit('cell-edit', { changes } satisfies CellEditDetail);
  }

  private onInput = (event: Event): void => {
    this.text = (event.target as HTMLInputElement).value;
  };

  private onBlur = (): void => {
    if (this.text !== null) this.commit(undefined, false);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    // Keys typed into the editor belong to it: Ctrl+Z here undoes typing, not the sheet.
    event.stopPropagation();
    const h = this.host;
    const s = h.selection;
    if (s === null) return;
    const at = s.focus;
    const arrow = this.typedOver
      ? navigate(s, event.key, { shift: false, ctrl: false }, h.rows, h.cols)
      : null;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.commit(rangeOf(s));
    } else if (event.key === 'Enter' || event.key === 'Tab' || arrow !== null) {
      event.preventDefault();
      if (!this.commit()) return;
      const step = event.shiftKey ? -1 : 1;
      let next = arrow?.focus ?? at;
      if (event.key === 'Enter') next = { row: at.row + step, col: at.col };
      if (event.key === 'Tab') next = { row: at.row, col: at.col + step };
      const inside = next.row >= 0 && next.row < h.rows && next.col >= 0 && next.col < h.cols;
      h.select(single(inside ? next.row : at.row, inside ? next.col : at.col));
    }
  };
}
