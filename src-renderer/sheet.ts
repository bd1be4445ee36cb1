import { LitElement, html, nothing } from 'lit';
import { FILTER_PRESETS, presetOf } from '../src-core/presets/filters';
import { targetValues } from '../src-core/sheet/edit';
import type { Evaluation } from '../src-core/sheet/evaluate';
import { formatCount } from '../src-core/sheet/issues';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import { colourTable } from './colour';
import type { CellEditDetail, CellHoverDetail, CellSelectDetail, GridSelection, Viewport } from './grid';
import { DOM_CELL_LIMIT } from './grid-paint';
import { NO_MARKS, type SheetMarks } from './marks';
import { sheetBlocks, type BlockSpec, type FilterRow, type GridSpec } from './sheet-model';
import { sheetStyles } from './sheet-styles';
import { ViewCache } from './sheet-views';
import { cellSize, DEFAULT_VIEW, parameterCellSize, zoomStep, type ViewSettings } from './view';
import './grid';

/** The selected grid and the selection inside it. */
export interface SheetSelection {
  readonly key: string;
  readonly selection: GridSelection;
}

export interface SheetSelectDetail {
  readonly grid: GridSpec;
  readonly selection: GridSelection;
  /** Flat index of the active cell in the grid's tensor. */
  readonly index: number;
}

export interface SheetEditDetail {
  readonly grid: GridSpec;
  /** Flat indices into the grid's tensor. */
  readonly changes: readonly { readonly index: number; readonly value: number }[];
}

export interface SheetHoverDetail {
  readonly grid: GridSpec;
  readonly row: number;
  readonly col: number;
  readonly value: number;
}

/**
 * The whole network as one sheet: a block per layer from left to right, maps stacked, filters as
 * slices side by side with their bias, every block titled with its shape, parameter count, output-size
 * formula and colour legend. Scrolls to pan (or drag the background); Ctrl+wheel zooms.
 *
 * @fires sheet-select - CustomEvent<SheetSelectDetail>
 * @fires sheet-edit - CustomEvent<SheetEditDetail>: cells set by typing or pasting.
 * @fires sheet-hover - CustomEvent<SheetHoverDetail | null>
 * @fires preset-apply - CustomEvent<{grid: GridSpec, preset: string}>: a named filter chosen for a slice.
 * @fires zoom-change - CustomEvent<{zoom: number}>
 */
export class CsSheet extends LitElement {
  static override properties = {
    resolved: { attribute: false },
    evaluation: { attribute: false },
    stamps: { attribute: false },
    view: { attribute: false },
    selected: { attribute: false },
    marks: { attribute: false },
    viewport: { state: true },
  };

  declare resolved: ResolvedWorkbook | null;
  declare evaluation: Evaluation | null;
  /** stamps[k] changes whenever layer k's output was recomputed. */
  declare stamps: readonly number[];
  declare view: ViewSettings;
  declare selected: SheetSelection | null;
  declare marks: SheetMarks;
  declare viewport: Viewport | null;

  private cache = new ViewCache();
  private blocks: BlockSpec[] = [];
  private blocksOf: ResolvedWorkbook | null = null;
  private scrollFrame = 0;
  private pan: { x: number; y: number } | null = null;

  static override styles = sheetStyles;

  constructor() {
    super();
    this.resolved = null;
    this.evaluation = null;
    this.stamps = [];
    this.view = DEFAULT_VIEW;
    this.selected = null;
    this.marks = NO_MARKS;
    this.viewport = null;
  }

  override render() {
    const resolved = this.resolved;
    if (resolved === null || this.evaluation === null) return nothing;
    if (this.blocksOf !== resolved) {
      this.blocks = sheetBlocks(resolved);
      this.blocksOf = resolved;
    }
    return html`<div
      class="scroller"
      @scroll=${this.onScroll}
      @wheel=${this.onWheel}
      @mousedown=${this.onPanStart}
    >
      <div class="sheet">${this.blocks.map((b) => this.renderBlock(b))}</div>
    </div>`;
  }

  private renderBlock(b: BlockSpec) {
    const limit = this.blockLimit(b);
    return html`<section class="block" data-layer=${b.layer} aria-label=${b.title}>
      <header>
        <h2>${b.title}</h2>
        <div class="meta">
          <span class="shape">${b.shape}</span>${
            b.params > 0 ? html` · <span class="params">${formatCount(b.params)} parameters</span>` : nothing
          }
        </div>
        ${b.formulas.map((f) => html`<div class="formula">${f}</div>`)} ${this.renderLegend(limit)}
      </header>
      <div class="body">
        ${
          b.filters.length > 0
            ? html`<div class="filters">
                <h3>
                  ${b.layer >= 0 && this.resolved?.layers[b.layer]?.type === 'dense' ? 'weights' : 'filters'}
                </h3>
                ${b.filters.map((f) => this.renderFilterRow(f))}
              </div>`
            : nothing
        }
        <div class="maps">
          <h3>${b.mapsTitle}</h3>
          ${b.maps.map((g) => this.renderFigure(g))}
        </div>
      </div>
    </section>`;
  }

  private renderFilterRow(f: FilterRow) {
    return html`<div class="filter-row">
      ${f.slices.map((g) => this.renderFigure(g, true))}
      ${f.bias === null ? nothing : this.renderFigure(f.bias)}
    </div>`;
  }

  private renderFigure(g: GridSpec, slice = false) {
    const values = this.valuesOf(g);
    // Filters, biases, scores and other small grids stay readable at any zoom: they are few and small.
    const small = g.rows * g.cols <= 49 || (g.cols === 1 && g.rows <= 64);
    const size = small ? parameterCellSize(this.view) : cellSize(this.view);
    const selection = this.selected?.key === g.key ? this.selected.selection : null;
    const heatmap = g.rows * g.cols > DOM_CELL_LIMIT;
    return html`<figure class=${g.source.kind === 'parameter' ? 'parameter' : 'map'}>
      <figcaption>${g.label}</figcaption>
      <cs-grid
        .label=${g.label}
        .values=${values}
        .rows=${g.rows}
        .cols=${g.cols}
        .editable=${g.editable}
        .decimals=${this.view.decimals}
        .numbers=${size.numbers}
        .scale=${this.view.scale}
        .limit=${this.limitOf(g)}
        .marks=${this.marksOf(g)}
        .selection=${selection}
        .cellWidth=${size.cellWidth}
        .cellHeight=${size.cellHeight}
        .fontSize=${size.fontSize}
        .viewport=${heatmap ? this.viewport : null}
        @cell-select=${(e: CustomEvent<CellSelectDetail>) => this.onSelect(g, e)}
        @cell-edit=${(e: CustomEvent<CellEditDetail>) => this.onEdit(g, e)}
        @cell-hover=${(e: CustomEvent<CellHoverDetail | null>) => this.onHover(g, e)}
      ></cs-grid>
      ${slice && g.rows === 3 && g.cols === 3 ? this.renderPreset(g, values) : nothing}
    </figure>`;
  }

  private renderPreset(g: GridSpec, values: ArrayLike<number>) {
    const current = presetOf(values, 3, 3)?.id ?? 'custom';
    return html`<select
      class="preset"
      aria-label="${g.label} preset"
      .value=${current}
      @change=${(e: Event) => {
        const preset = (e.target as HTMLSelectElement).value;
        if (preset !== 'custom') this.fire('preset-apply', { grid: g, preset });
      }}
    >
      <option value="custom" ?selected=${current === 'custom'}>custom</option>
      ${FILTER_PRESETS.map((p) => html`<option value=${p.id} ?selected=${current === p.id}>${p.name}</option>`)}
    </select>`;
  }

  private renderLegend(limit: number | undefined) {
    const table = colourTable(this.view.scale);
    const fastai = this.view.scale === 'fastai';
    const stops = fastai
      ? [table.fills[256], table.fills[512]]
      : [table.fills[0], table.fills[256], table.fills[512]];
    const n = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
    const ends =
      limit === undefined
        ? html`<span>each grid to its own largest |value|</span>`
        : fastai
          ? html`<span>≤ 0</span><span>${n(limit)}</span>`
          : html`<span>${n(-limit)}</span><span>0</span><span>${n(limit)}</span>`;
    return html`<div class="legend" aria-label="colour scale">
      <span class="bar" style="background:linear-gradient(to right, ${stops.join(', ')})"></span>
      <span class="ends">${ends}</span>
    </div>`;
  }

  /** The values a grid shows, as a view kept while they are unchanged. */
  private valuesOf(g: GridSpec): Float64Array {
    const length = g.rows * g.cols;
    if (g.source.kind === 'map') {
      const k = g.source.layer;
      const base = k === -1 ? this.resolved?.workbook.input.data : this.evaluation?.outputs[k]?.data;
      if (base === undefined || base === null) return new Float64Array(length);
      return this.cache.view(g.key, base, k === -1 ? -1 : (this.stamps[k] ?? 0), g.offset, length);
    }
    const base = this.resolved === null ? null : targetValues(this.resolved.workbook, g.source.target);
    if (base === null) return new Float64Array(length);
    return this.cache.view(g.key, base, 0, g.offset, length);
  }

  private mapLimit(layer: number): number {
    const base = layer === -1 ? this.resolved?.workbook.input.data : this.evaluation?.outputs[layer]?.data;
    if (base === undefined || base === null) return 0;
    // Evaluation scanned each map as it wrote it: no second pass over millions of values.
    const e = this.evaluation;
    const scanned = layer === -1 ? e?.input.data : e?.outputs[layer]?.data;
    const scan = layer === -1 ? e?.inputScan : e?.scans?.[layer];
    if (scan !== undefined && scanned === base) return scan.largest;
    return this.cache.limit(`map:${layer}`, base, layer === -1 ? -1 : (this.stamps[layer] ?? 0));
  }

  private sheetLimit(): number {
    let m = this.mapLimit(-1);
    this.resolved?.layers.forEach((_, k) => (m = Math.max(m, this.mapLimit(k))));
    return m;
  }

  /** Where a grid's colours saturate under the chosen normalisation (undefined: the grid's own). */
  private limitOf(g: GridSpec): number | undefined {
    if (this.view.normalise === 'grid') return undefined;
    if (g.source.kind === 'map') {
      return this.view.normalise === 'sheet' ? this.sheetLimit() : this.mapLimit(g.source.layer);
    }
    // Weights and maps are on different scales: parameters share one scale per layer tensor.
    const base = this.resolved === null ? null : targetValues(this.resolved.workbook, g.source.target);
    return base === null
      ? undefined
      : this.cache.limit(`${g.source.target.kind}:${g.source.target.layer}`, base, 0);
  }

  private blockLimit(b: BlockSpec): number | undefined {
    if (this.view.normalise === 'grid') return undefined;
    return this.view.normalise === 'sheet' ? this.sheetLimit() : this.mapLimit(b.layer);
  }

  private marksOf(g: GridSpec): Uint8Array | null {
    const m = this.marks;
    const layerMarks =
      g.source.kind === 'map'
        ? m.maps[g.source.layer + 1]
        : (g.source.target.kind === 'weight' ? m.weights : m.biases).get(g.source.target.layer);
    return this.cache.marks(g.key, layerMarks, g.offset, g.rows * g.cols);
  }

  private onSelect(g: GridSpec, e: CustomEvent<CellSelectDetail>): void {
    e.stopPropagation();
    const d = e.detail;
    const index = g.offset + d.row * g.cols + d.col;
    this.fire('sheet-select', { grid: g, selection: d.selection, index } satisfies SheetSelectDetail);
  }

  private onEdit(g: GridSpec, e: CustomEvent<CellEditDetail>): void {
    e.stopPropagation();
    const changes = e.detail.changes.map((c) => ({ index: g.offset + c.index, value: c.value }));
    this.fire('sheet-edit', { grid: g, changes } satisfies SheetEditDetail);
  }

  private onHover(g: GridSpec, e: CustomEvent<CellHoverDetail | null>): void {
    e.stopPropagation();
    const detail: SheetHoverDetail | null = e.detail === null ? null : { grid: g, ...e.detail };
    this.fire('sheet-hover', detail);
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private resizeObserver: ResizeObserver | null = null;

  protected override firstUpdated(): void {
    const scroller = this.renderRoot.querySelector('.scroller');
    if (scroller === null || typeof ResizeObserver === 'undefined') return;
    // Measured outside Lit's update: heatmaps need to know which part of the sheet is on screen.
    this.resizeObserver = new ResizeObserver(() => this.measureViewport());
    this.resizeObserver.observe(scroller);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  private measureViewport(): void {
    const scroller = this.renderRoot.querySelector('.scroller');
    if (scroller === null) return;
    const r = scroller.getBoundingClientRect();
    const next = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    const v = this.viewport;
    if (
      v === null ||
      v.left !== next.left ||
      v.top !== next.top ||
      v.right !== next.right ||
      v.bottom !== next.bottom
    ) {
      this.viewport = next;
    }
  }

  private onScroll = (): void => {
    if (this.scrollFrame !== 0) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      // A new object: heatmaps redraw the numbers of the part now on screen.
      const scroller = this.renderRoot.querySelector('.scroller');
      if (scroller === null) return;
      const r = scroller.getBoundingClientRect();
      this.viewport = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  };

  private onWheel = (e: WheelEvent): void => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    this.fire('zoom-change', { zoom: zoomStep(this.view.zoom, e.deltaY < 0 ? 1 : -1) });
  };

  private onPanStart = (e: MouseEvent): void => {
    const onBackground = !e
      .composedPath()
      .some((t) => t instanceof HTMLElement && /^(CS-GRID|SELECT)$/.test(t.tagName));
    const scroller = this.renderRoot.querySelector('.scroller');
    if (!onBackground || e.button !== 0 || scroller === null) return;
    e.preventDefault();
    this.pan = { x: e.clientX, y: e.clientY };
    const move = (m: MouseEvent) => {
      if (this.pan === null) return;
      scroller.scrollBy(this.pan.x - m.clientX, this.pan.y - m.clientY);
      this.pan = { x: m.clientX, y: m.clientY };
    };
    const up = () => {
      this.pan = null;
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
}

customElements.define('cs-sheet', CsSheet);

declare global {
  interface HTMLElementTagNameMap {
    'cs-sheet': CsSheet;
  }
}
