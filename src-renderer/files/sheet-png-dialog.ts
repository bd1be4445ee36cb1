import { LitElement, html, type PropertyValues } from 'lit';
import type { BlockSpec } from '../sheet-model';
import { dialogStyles } from './dialog-styles';
import { layoutProblem, layoutSheet, type SheetLayout } from './sheet-png';

export interface SheetPngDetail {
  readonly blocks: readonly BlockSpec[];
  readonly cell: number;
}

/** Cell sizes offered for maps, in pixels: 8 draws a 28 x 28 digit 224 pixels wide. */
const CELLS = [4, 6, 8, 12, 16, 24, 32] as const;

/**
 * Choosing what goes into a picture of the sheet: which blocks (all by default) and how large a map's
 * cells are drawn; the picture's size in pixels is shown as the choice changes.
 *
 * @fires sheet-png-export - CustomEvent<SheetPngDetail>
 * @fires sheet-png-cancel - CustomEvent<null>
 */
export class CsSheetPngDialog extends LitElement {
  static override properties = {
    blocks: { attribute: false },
    chosen: { state: true },
    cell: { state: true },
  };

  declare blocks: readonly BlockSpec[];
  /** Keys of the blocks chosen. */
  declare chosen: ReadonlySet<string>;
  declare cell: number;

  private layout: SheetLayout | null = null;

  static override styles = dialogStyles;

  constructor() {
    super();
    this.blocks = [];
    this.chosen = new Set();
    this.cell = 8;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('blocks')) this.chosen = new Set(this.blocks.map((b) => b.key));
    this.layout = layoutSheet(this.picked(), { cell: this.cell });
  }

  private picked(): BlockSpec[] {
    return this.blocks.filter((b) => this.chosen.has(b.key));
  }

  override render() {
    const layout = this.layout;
    const problem = layout === null ? null : layoutProblem(layout);
    const none = this.chosen.size === 0;
    return html`<div class="backdrop" @keydown=${this.onKeyDown}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="title">
        <h2 id="title">Sheet as a picture (PNG)</h2>
        <div class="columns">
          <fieldset style="flex-direction:column;gap:4px" aria-label="blocks">
            ${this.blocks.map(
              (b) =>
                html`<label
                  ><input
                    type="checkbox"
                    .checked=${this.chosen.has(b.key)}
                    @change=${(e: Event) => this.toggle(b.key, (e.target as HTMLInputElement).checked)}
                  />
                  ${b.title} <span class="hint">(${b.shape})</span></label
                >`,
            )}
          </fieldset>
          <div class="options">
            <label for="cell">Map cells</label>
            <select
              id="cell"
              @change=${(e: Event) => (this.cell = Number((e.target as HTMLSelectElement).value))}
            >
              ${CELLS.map((c) => html`<option value=${c} ?selected=${c === this.cell}>${c} pixels</option>`)}
            </select>
            <p class="hint wide">
              Filters, biases and scores always show their numbers; maps show them from 24-pixel cells.
              Colours as on the sheet.
            </p>
            ${
              none
                ? html`<p class="error wide" role="alert">Choose at least one block.</p>`
                : problem === null
                  ? html`<p class="notes wide">${layout?.width} x ${layout?.height} pixels</p>`
                  : html`<p class="error wide" role="alert">${problem}</p>`
            }
          </div>
        </div>
        <footer>
          <button class="cancel" @click=${this.cancel}>Cancel</button>
          <button class="primary" ?disabled=${none || problem !== null} @click=${this.export}>
            Export PNG
          </button>
        </footer>
      </div>
    </div>`;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('button.primary')?.focus();
  }

  private toggle(key: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(key);
    else next.delete(key);
    this.chosen = next;
  }

  private onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.cancel();
    }
  };

  private cancel = (): void => {
    this.dispatchEvent(new CustomEvent('sheet-png-cancel', { detail: null, bubbles: true, composed: true }));
  };

  private export = (): void => {
    const detail: SheetPngDetail = { blocks: this.picked(), cell: this.cell };
    this.dispatchEvent(new CustomEvent('sheet-png-export', { detail, bubbles: true, composed: true }));
  };
}

customElements.define('cs-sheet-png-dialog', CsSheetPngDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cs-sheet-png-dialog': CsSheetPngDialog;
  }
}
