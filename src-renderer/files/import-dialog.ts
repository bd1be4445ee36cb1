import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { formatCellNumber } from '../../src-core/io/number-text';
import type { EditResult } from '../../src-core/sheet/edit';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { formatShape } from '../../src-core/tensor';
import { DEFAULT_VIEW, type ViewSettings } from '../view';
import { dialogStyles } from './dialog-styles';
import { choiceFields } from './import-fields';
import { defaultChoice, gridOf, type GridOutcome, type ImportChoice } from './import-options';
import type { SourceResult } from './import-source';
import { planImport, targetLabel, wantOf, type ImportPlan, type ImportTarget } from './import-target';
import { drawChannel, gridStats, previewSize, PREVIEW_NUMBERS } from './preview';

export interface ImportApplyDetail {
  /** The checked change, for the session's undoable history. */
  readonly change: EditResult;
  readonly structural: boolean;
}

/**
 * The import preview: the file's options (separator and header of a CSV; channels, inversion and size
 * of an image; sheet and range of an .xlsx), the grid they give drawn as the sheet would draw it with
 * its shape, numbers and range, and whether it fits where it goes. Nothing changes until Replace.
 *
 * @fires import-apply - CustomEvent<ImportApplyDetail>: put the grid in place, as one undoable change.
 * @fires import-cancel - CustomEvent<{message: string | null}>: closed without a change (message: why, for the status line).
 */
export class CsImportDialog extends LitElement {
  static override properties = {
    fileName: { attribute: false },
    source: { attribute: false },
    targets: { attribute: false },
    resolved: { attribute: false },
    view: { attribute: false },
    choice: { state: true },
    targetIndex: { state: true },
  };

  declare fileName: string;
  /** The file as read so far; null while it is being read. */
  declare source: SourceResult | null;
  /** Where it may go: the input, or a filter slice and its whole filter. */
  declare targets: readonly ImportTarget[];
  declare resolved: ResolvedWorkbook | null;
  declare view: ViewSettings;
  declare choice: ImportChoice | null;
  declare targetIndex: number;

  private outcome: GridOutcome | null = null;
  private plan: ImportPlan | null = null;

  static override styles = dialogStyles;

  constructor() {
    super();
    this.fileName = '';
    this.source = null;
    this.targets = [{ kind: 'input' }];
    this.resolved = null;
    this.view = DEFAULT_VIEW;
    this.choice = null;
    this.targetIndex = 0;
  }

  private get target(): ImportTarget {
    return this.targets[this.targetIndex] ?? { kind: 'input' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = this.source;
    // A new file, or an image going elsewhere (a whole filter wants its channels and size), starts afresh.
    const fresh = changed.has('source') || (changed.has('targetIndex') && this.choice?.kind === 'image');
    if (fresh && source?.ok === true && this.resolved !== null)
      this.choice = defaultChoice(source.source, wantOf(this.resolved, this.target));
    if (source?.ok !== true || this.choice === null || this.resolved === null) {
      this.outcome = null;
      this.plan = null;
      return;
    }
    // A photo's grid takes a while to work out: only again when the file or an option changed.
    const regrid = this.outcome === null || fresh || changed.has('choice');
    if (regrid) this.outcome = gridOf(source.source, this.choice);
    const outcome = this.outcome;
    if (outcome === null) return;
    if (regrid || changed.has('targetIndex') || changed.has('resolved'))
      this.plan = outcome.ok ? planImport(this.resolved, this.target, outcome.grid, this.fileName) : null;
  }

  override render() {
    const source = this.source;
    return html`<div class="backdrop" @keydown=${this.onKeyDown}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="title">
        <h2 id="title">Import ${this.fileName} into ${targetLabel(this.target)}</h2>
        ${
          source === null
            ? html`<p aria-live="polite">Reading ${this.fileName}…</p>`
            : source.ok
              ? this.renderBody(source.source)
              : html`<p class="error" role="alert">${source.message}</p>`
        }
        <footer>
          <button class="cancel" @click=${this.cancel}>Cancel</button>
          <button
            class="primary"
            ?disabled=${this.plan?.ok !== true}
            @click=${this.apply}
            title=${this.plan?.ok === true ? 'Replace it; Undo puts back what was there' : ''}
          >
            Replace ${targetLabel(this.target)}
          </button>
        </footer>
      </div>
    </div>`;
  }

  private renderBody(source: Extract<SourceResult, { ok: true }>['source']) {
    const choice = this.choice;
    const resolved = this.resolved;
    if (choice === null || resolved === null) return nothing;
    const targets = this.targets;
    return html`<div class="columns">
      <div class="options">
        ${
          targets.length > 1
            ? html`<label>Into</label>
                <select
                  aria-label="into"
                  @change=${(e: Event) => (this.targetIndex = Number((e.target as HTMLSelectElement).value))}
                >
                  ${targets.map(
                    (t, i) =>
                      html`<option value=${i} ?selected=${i === this.targetIndex}>${targetLabel(t)}</option>`,
                  )}
                </select>`
            : nothing
        }
        ${choiceFields(source, choice, wantOf(resolved, this.target), (patch) => {
          this.choice = { ...choice, ...patch } as ImportChoice;
        })}
      </div>
      ${this.renderPreview()}
    </div>`;
  }

  private renderPreview() {
    const outcome = this.outcome;
    if (outcome === null) return nothing;
    if (!outcome.ok)
      return html`<div class="preview"><p class="error" role="alert">${outcome.message}</p></div>`;
    const grid = outcome.grid;
    const [c = 1, h = 1, w = 1] = grid.shape;
    const size = previewSize(h, w);
    const stats = gridStats(grid.data);
    const n = (v: number) => formatCellNumber(v, Math.max(3, this.view.decimals));
    const plan = this.plan;
    return html`<div class="preview" aria-label="preview">
      <div class="channels">
        ${Array.from(
          { length: Math.min(c, 3) },
          (_, ch) =>
            html`<figure>
              <canvas
                data-channel=${ch}
                style="width:${size.width}px;height:${size.height}px"
                aria-label="channel ${ch + 1} as the sheet will colour it"
              ></canvas>
              ${c > 1 ? html`<figcaption>channel ${ch + 1}</figcaption>` : nothing}
            </figure>`,
        )}
      </div>
      ${h * w <= PREVIEW_NUMBERS && c === 1 ? this.renderNumbers(grid.data, h, w) : nothing}
      <div>
        <span class="shape">${formatShape(grid.shape)}</span>
        <span class="notes">· ${outcome.notes.join(' · ')}</span>
      </div>
      <div class="stats">min ${n(stats.min)} · max ${n(stats.max)} · mean ${n(stats.mean)}</div>
      ${
        plan === null
          ? nothing
          : plan.ok
            ? html`<div class="fit ok" role="status">${plan.summary}</div>`
            : html`<div class="fit bad" role="alert">Does not fit: ${plan.message}</div>`
      }
    </div>`;
  }

  private renderNumbers(values: Float64Array, h: number, w: number) {
    const decimals = Math.max(2, this.view.decimals);
    return html`<table aria-label="numbers">
      ${Array.from(
        { length: h },
        (_, y) =>
          html`<tr>
            ${Array.from({ length: w }, (_, x) => html`<td>${formatCellNumber(values[y * w + x] ?? 0, decimals)}</td>`)}
          </tr>`,
      )}
    </table>`;
  }

  protected override updated(): void {
    const outcome = this.outcome;
    if (outcome?.ok !== true) return;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-channel]'))
      drawChannel(canvas, outcome.grid, Number(canvas.dataset.channel), this.view.scale);
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('button.cancel')?.focus();
  }

  private onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.cancel();
    }
  };

  private cancel = (): void => {
    const source = this.source;
    const problem =
      source !== null && !source.ok
        ? source.message
        : this.outcome?.ok === false
          ? this.outcome.message
          : null;
    const message = problem === null ? null : `Nothing imported: ${problem}`;
    this.fire('import-cancel', { message });
  };

  private apply = (): void => {
    const plan = this.plan;
    if (plan?.ok !== true) return;
    this.fire('import-apply', {
      change: plan.change,
      structural: plan.structural,
    } satisfies ImportApplyDetail);
  };

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('cs-import-dialog', CsImportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cs-import-dialog': CsImportDialog;
  }
}
