import { LitElement, css, html, nothing } from 'lit';
import { formatCellNumber } from '../../src-core/io/number-text';
import { formatCount } from '../../src-core/sheet/issues';
import { readFrozenCells, type FrozenMasks } from '../../src-core/learn/frozen';
import type { Layer, Workbook } from '../../src-core/sheet/types';
import type { LayerGradients } from './protocol';
import { maxAbs } from '../colour';
import '../grid';

/** Filters drawn per layer; a bank of 64 filters would bury the rest of the panel. */
const MAX_SLICES = 12;
const MAX_BIASES = 8;
/** Beyond this many weights a layer's grids are not drawn (a VGG dense layer has 100 million). */
const MAX_DRAWN = 65_536;

/** A weight or bias to freeze (or thaw, `frozen: false`): layer index and flat index into its weight or bias. */
export interface FreezeDetail {
  readonly layer: number;
  readonly kind: 'weight' | 'bias';
  readonly index: number;
  readonly frozen: boolean;
}

function count(mask: Uint8Array): number {
  return mask.reduce((n, f) => n + (f !== 0 ? 1 : 0), 0);
}

type Weighted = Extract<Layer, { type: 'conv2d' | 'dense' }>;

/** One KH x KW slice of a filter bank: filter `out`, input channel `channel`. */
interface Slice {
  readonly out: number;
  readonly channel: number;
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Gradients shrink towards 0 as learning converges; shown with a fixed number of decimals they would
 * all read 0.000. Below 0.1 they are shown as multiples of a power of ten, written in the caption.
 */
export function scaled(values: Float64Array): { values: Float64Array; exponent: number } {
  const m = maxAbs(values);
  if (!(m > 0 && m < 0.1)) return { values, exponent: 0 };
  const exponent = Math.floor(Math.log10(m));
  return { values: values.map((v) => v / 10 ** exponent), exponent };
}

function slicesOf(layer: Weighted): Slice[] {
  if (layer.type === 'dense') {
    const [rows, cols] = layer.weight.shape;
    return [{ out: 0, channel: 0, offset: 0, rows, cols }];
  }
  const [outs, ins, kh, kw] = layer.weight.shape;
  const list: Slice[] = [];
  for (let o = 0; o < outs; o++) {
    for (let c = 0; c < ins; c++)
      list.push({ out: o, channel: c, offset: (o * ins + c) * kh * kw, rows: kh, cols: kw });
  }
  return list;
}

/**
 * Each learning filter beside dL/dw, its gradient for the batch just learned from (the direction
 * gradient descent moves it is minus this). Both grids use the diverging colours, each normalised to
 * its own largest magnitude, so the pattern of the gradient stays visible as it shrinks towards zero.
 * Frozen weights (the workbook's `learn.frozen`) are marked; in freezing mode a click toggles one.
 *
 * @fires learn-freeze - CustomEvent<FreezeDetail>: freeze or thaw this weight or bias.
 */
export class CsLearnFilters extends LitElement {
  static override properties = {
    workbook: { attribute: false },
    layers: { attribute: false },
    gradients: { attribute: false },
    running: { type: Boolean },
    freezing: { state: true },
  };

  declare workbook: Workbook | null;
  /** Indices of the layers that learn. */
  declare layers: readonly number[];
  declare gradients: readonly LayerGradients[];
  /** Cells cannot be frozen or thawed while a run goes on (the trainer reads them when it starts). */
  declare running: boolean;
  /** Clicking a weight freezes or thaws it. */
  declare freezing: boolean;
  private frozenOf: { workbook: Workbook; masks: FrozenMasks } | null = null;

  static override styles = css`
    :host {
      display: block;
      contain: content;
      font:
        11px system-ui,
        sans-serif;
    }
    h4 {
      margin: 4px 0 2px;
      font-size: 12px;
    }
    .pairs {
      display: flex;
      flex-wrap: wrap;
      gap: 10px;
    }
    figure {
      margin: 0;
    }
    figcaption {
      color: #444;
      margin-bottom: 2px;
    }
    .pair {
      display: flex;
      gap: 6px;
      align-items: flex-start;
    }
    .pair > div > span {
      display: block;
      color: #666;
    }
    .freeze {
      display: inline-flex;
      gap: 3px;
      align-items: center;
      color: #333;
    }
    .freezing {
      cursor: crosshair;
    }
    .bias {
      color: #333;
      margin: 2px 0 0;
    }
    button.b {
      font: inherit;
      padding: 0 3px;
      border: 1px solid #bbb;
      border-radius: 3px;
      background: #fff;
      cursor: crosshair;
    }
    .b.frozen {
      outline: 2px solid #333;
      outline-offset: -1px;
      font-weight: 600;
    }
  `;

  constructor() {
    super();
    this.workbook = null;
    this.layers = [];
    this.gradients = [];
    this.running = false;
    this.freezing = false;
  }

  private get frozen(): FrozenMasks {
    const wb = this.workbook;
    if (wb === null) return new Map();
    if (this.frozenOf?.workbook !== wb) {
      const r = readFrozenCells(wb);
      this.frozenOf = { workbook: wb, masks: r.ok ? r.value : new Map() };
    }
    return this.frozenOf.masks;
  }

  override render() {
    const wb = this.workbook;
    if (wb === null || this.layers.length === 0)
      return html`<p>No layer learns: tick one under "What learns".</p>`;
    return html`<label class="freeze" title="a frozen weight keeps its value while the rest learn"
        ><input
          type="checkbox"
          .checked=${this.freezing}
          ?disabled=${this.running}
          @change=${(e: Event) => (this.freezing = (e.target as HTMLInputElement).checked)}
        />click weights or biases to freeze or thaw them</label
      >
      ${this.layers.map((k) => {
        const layer = wb.layers[k];
        return layer !== undefined && (layer.type === 'conv2d' || layer.type === 'dense')
          ? this.layerView(k, layer)
          : nothing;
      })}`;
  }

  private layerView(k: number, layer: Weighted) {
    const g = this.gradients.find((x) => x.layer === k);
    const slices = slicesOf(layer);
    const shown = slices.slice(0, MAX_SLICES);
    const data = layer.weight.data;
    if (data === null || data.length > MAX_DRAWN) {
      const why = data === null ? 'the workbook gives their shapes only' : 'too many to draw here';
      return html`<section>
        <h4>${layer.name}</h4>
        <p>${formatCount(layer.weight.shape.reduce((a, b) => a * b, 1))} weights: ${why}.</p>
      </section>`;
    }
    return html`<section aria-label="${layer.name} filters and gradients">
      <h4>${layer.name}</h4>
      <div class="pairs">${shown.map((s) => this.sliceView(k, layer, s, g, slices.length > 1))}</div>
      ${slices.length > shown.length ? html`<p>and ${slices.length - shown.length} more filter slices</p>` : nothing}
      ${this.biasView(k, layer, g)}
    </section>`;
  }

  private sliceView(k: number, layer: Weighted, s: Slice, g: LayerGradients | undefined, numbered: boolean) {
    const size = s.rows * s.cols;
    const mask = this.frozen.get(k)?.weight.subarray(s.offset, s.offset + size);
    const frozen = mask?.some((f) => f !== 0) === true ? mask : null;
    const weights = layer.weight.data?.subarray(s.offset, s.offset + size) ?? new Float64Array(size);
    const ins = layer.type === 'conv2d' ? layer.weight.shape[1] : 1;
    const name =
      layer.type === 'dense'
        ? `${layer.name} weights`
        : `${layer.name} filter ${s.out + 1}${ins > 1 ? ` channel ${s.channel + 1}` : ''}`;
    const grad = g === undefined ? undefined : scaled(g.weight.subarray(s.offset, s.offset + size));
    // A dense layer's matrix is drawn as colours only: its numbers are on the sheet.
    const big = size > 81;
    const cell = big ? Math.max(2, Math.min(12, Math.floor(420 / s.cols))) : 44;
    const grid = (values: ArrayLike<number>, label: string, marks: Uint8Array | null = null) =>
      html`<cs-grid
        .values=${values}
        .rows=${s.rows}
        .cols=${s.cols}
        .marks=${marks}
        label=${label}
        .decimals=${3}
        .numbers=${!big}
        .cellWidth=${cell}
        .cellHeight=${big ? Math.max(cell, 8) : 18}
        .fontSize=${10}
      ></cs-grid>`;
    return html`<figure>
      <figcaption>${numbered || layer.type === 'dense' ? name : `${layer.name} filter`}</figcaption>
      <div class="pair">
        <div
          class=${this.freezing && !this.running ? 'freezing' : ''}
          @mousedown=${(e: MouseEvent) => this.onWeightDown(e, k, s, mask)}
        >
          <span>w${frozen === null ? '' : ` (${count(frozen)} frozen)`}</span>${grid(weights, name, frozen)}
        </div>
        <div>
          <span>dL/dw${grad === undefined || grad.exponent === 0 ? '' : ` × 1e${grad.exponent}`}</span>
          ${grad === undefined ? html`<span>(after a step)</span>` : grid(grad.values, `dL/dw ${name}`)}
        </div>
      </div>
    </figure>`;
  }

  /** In freezing mode, a click on a weight freezes it, or thaws it when it was frozen. */
  private onWeightDown(e: MouseEvent, layer: number, s: Slice, mask: Uint8Array | undefined): void {
    if (!this.freezing || this.running || e.button !== 0) return;
    const grid = (e.target as HTMLElement).closest('cs-grid');
    if (grid === null) return;
    const box = grid.getBoundingClientRect();
    const col = Math.floor(((e.clientX - box.left) / box.width) * s.cols);
    const row = Math.floor(((e.clientY - box.top) / box.height) * s.rows);
    if (row < 0 || col < 0 || row >= s.rows || col >= s.cols) return;
    const cell = row * s.cols + col;
    this.freeze({ layer, kind: 'weight', index: s.offset + cell, frozen: mask?.[cell] !== 1 });
  }

  private freeze(detail: FreezeDetail): void {
    this.dispatchEvent(new CustomEvent('learn-freeze', { detail, bubbles: true, composed: true }));
  }

  /** The biases as text; in freezing mode each is a button that freezes or thaws it. */
  private biasView(k: number, layer: Weighted, g: LayerGradients | undefined) {
    if (!layer.hasBias) return html`<p class="bias">no bias</p>`;
    const b = layer.bias.data ?? new Float64Array(0);
    const n = Math.min(b.length, MAX_BIASES);
    const mask = this.frozen.get(k)?.bias;
    const clickable = this.freezing && !this.running;
    const items = Array.from({ length: n }, (_, i) => {
      const db = g?.bias[i];
      const frozen = mask?.[i] === 1;
      const text = `b${b.length > 1 ? i + 1 : ''} = ${formatCellNumber(b[i] ?? 0, 4)}${frozen ? ' (frozen)' : ''}${db === undefined ? '' : `, dL/db = ${db.toPrecision(3)}`}`;
      return clickable
        ? html`<button
            class=${frozen ? 'b frozen' : 'b'}
            aria-pressed=${frozen ? 'true' : 'false'}
            title=${frozen ? 'thaw this bias' : 'freeze this bias'}
            @click=${() => this.freeze({ layer: k, kind: 'bias', index: i, frozen: !frozen })}
          >
            ${text}
          </button>`
        : html`<span class=${frozen ? 'b frozen' : 'b'}>${text}</span>`;
    });
    return html`<p class="bias">
      ${items.map((item, i) => html`${i > 0 ? ' · ' : ''}${item}`)}${b.length > n ? ' · …' : ''}
    </p>`;
  }
}

customElements.define('cs-learn-filters', CsLearnFilters);

declare global {
  interface HTMLElementTagNameMap {
    'cs-learn-filters': CsLearnFilters;
  }
}
