import { html, nothing } from 'lit';
import { miniGrid } from './mini-grid';
import { receptiveFieldGrowth } from '../../src-core/lessons/receptive-field';
import { shiftInput, shiftText, type MapChange } from '../../src-core/lessons/translation';
import { LessonTool } from './tool-base';
import type { ShiftReport } from './translation-tracker';

/**
 * Receptive fields: for the selected cell, the region it depends on in every grid back to the input,
 * drawn to scale beside its size, so the growth layer by layer (3 x 3, 5 x 5, ...) is seen and read.
 * The sheet outlines the same cells (trace precedents).
 */
export class CsReceptiveTool extends LessonTool {
  override render() {
    const r = this.resolved;
    const cell = this.selectedCell;
    if (r === null) return nothing;
    if (cell === null || cell.layer < 0) {
      return html`<p class="hint">
        Select a cell of any map on the sheet: its receptive field appears here, grid by grid.
      </p>`;
    }
    const sizes = receptiveFieldGrowth(r, cell);
    const input = sizes[sizes.length - 1];
    const [, h, w] = r.inputShape;
    return html`<p>
        A cell of <b>${sizes[0]?.name}</b> depends on <b>${input?.rows} × ${input?.cols}</b> cells of the
        input${
          input !== undefined && (input.rows < h || input.cols < w) ? ` (of ${h} × ${w})` : ': all of it'
        }.
      </p>
      <table aria-label="receptive field per grid">
        <thead>
          <tr>
            <th>grid</th>
            <th>field</th>
            <th>rows</th>
            <th>columns</th>
          </tr>
        </thead>
        <tbody>
          ${sizes.map(
            (s) =>
              html`<tr>
                <td>${s.name}</td>
                <td><b>${s.rows} × ${s.cols}</b></td>
                <td>${s.top + 1}–${s.top + s.rows}</td>
                <td>${s.left + 1}–${s.left + s.cols}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${input === undefined ? nothing : this.inputView(input)}`;
  }

  /** The input (its first channel) with the field outlined, as the sheet outlines it. */
  private inputView(field: { top: number; left: number; rows: number; cols: number }) {
    const r = this.resolved;
    const data = r?.workbook.input.data;
    if (r === null || data === null || data === undefined) return nothing;
    const [, h, w] = r.inputShape;
    const inside = (k: number) => {
      const y = Math.floor(k / w);
      const x = k % w;
      return y >= field.top && y < field.top + field.rows && x >= field.left && x < field.left + field.cols;
    };
    return miniGrid(data.subarray(0, h * w), h, w, {
      label: `the field on the input: ${field.rows} × ${field.cols}`,
      maxWidth: 260,
      classes: (k) => (inside(k) ? 'window' : ''),
    });
  }
}

function changeText(c: MapChange): string {
  if (c.kind === 'same') return 'same: not one value changed';
  if (c.kind === 'moved') return `moved ${shiftText(c.dy, c.dx)}`;
  return `changed: ${c.cells} of ${c.of} values`;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * Translation: shift the input one cell with the buttons or the arrow keys (an undoable edit), and see
 * for each layer whether its output moved with the input, stayed exactly the same, or changed.
 */
export class CsTranslateTool extends LessonTool {
  static override properties = { ...LessonTool.properties, report: { attribute: false } };

  /** What the last shift did (from the panel's TranslationTracker). */
  declare report: ShiftReport | null;

  constructor() {
    super();
    this.report = null;
  }

  override render() {
    const rep = this.report;
    return html`<div class="controls" tabindex="0" @keydown=${this.onKey} aria-label="shift the input">
        <span>Shift the input:</span>
        <button @click=${() => this.shift(-1, 0)} aria-label="shift up">↑</button>
        <button @click=${() => this.shift(1, 0)} aria-label="shift down">↓</button>
        <button @click=${() => this.shift(0, -1)} aria-label="shift left">←</button>
        <button @click=${() => this.shift(0, 1)} aria-label="shift right">→</button>
        <span class="hint">(or the arrow keys here; Undo takes a shift back)</span>
      </div>
      ${
        rep === null
          ? html`<p class="hint">Shift the input and see which maps move with it and which stay put.</p>`
          : html`<p>The input moved <b>${shiftText(rep.dy, rep.dx)}</b>. Each layer's output:</p>
              <table aria-label="what each layer did">
                <tbody>
                  ${rep.layers.map(
                    (l) =>
                      html`<tr>
                        <td>${l.name}</td>
                        <td
                          style="text-align:left"
                          class=${l.change.kind === 'same' ? 'good' : l.change.kind === 'moved' ? '' : 'warning'}
                        >
                          ${changeText(l.change)}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }`;
  }

  private onKey = (e: KeyboardEvent): void => {
    const d = ARROWS[e.key];
    if (d === undefined) return;
    e.preventDefault();
    this.shift(d[0], d[1]);
  };

  private shift(dy: number, dx: number): void {
    const workbook = this.resolved?.workbook;
    if (workbook === undefined) return;
    const result = shiftInput(workbook, dy, dx);
    this.edit({ result, structural: false, message: result.ok ? result.value.label : '' });
  }
}

customElements.define('cs-receptive-tool', CsReceptiveTool);
customElements.define('cs-translate-tool', CsTranslateTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-receptive-tool': CsReceptiveTool;
    'cs-translate-tool': CsTranslateTool;
  }
}
