import { html, nothing, type PropertyValues } from 'lit';
import { countLayers, type LayerCount } from '../../src-core/lessons/counting';
import {
  resolveConvSizes,
  resolvePreset,
  SHAPE_PRESETS,
  type ConvSizes,
} from '../../src-core/lessons/shape-calculator';
import { formatCount } from '../../src-core/sheet/issues';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { LessonTool } from './tool-base';

/**
 * A count in full up to ten million, then in millions or billions ("86.7 M", "1.8 bn"), so a VGG-16 row
 * fits the panel; parameters, the figures courses quote, are always written in full.
 */
export function countText(n: number): string {
  if (n < 1e7) return formatCount(n);
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} M`;
  return n < 1e12 ? `${(n / 1e9).toFixed(1)} bn` : `${(n / 1e12).toFixed(1)} tn`;
}

/** "4.7 KB", "1.2 MB": activation memory at 4 bytes a value. */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const SIZE_FIELDS: readonly [keyof ConvSizes, string][] = [
  ['channels', 'input channels'],
  ['height', 'height'],
  ['width', 'width'],
  ['filters', 'filters'],
  ['kernel', 'kernel'],
  ['stride', 'stride'],
  ['padding', 'padding'],
];

/**
 * Counting, as courses compare layers: per layer, its parameters, output values, multiplications and
 * activation memory, beside what a fully connected layer from the same input to the same output would
 * need. Below, a shape calculator that computes no values: the classic networks (LeNet-5, AlexNet's
 * first layer, VGG-16, an Inception branch with and without its 1 x 1 bottleneck), and one conv layer
 * from its sizes.
 */
export class CsCountingTool extends LessonTool {
  static override properties = {
    ...LessonTool.properties,
    preset: { attribute: false },
    shown: { state: true },
    sizes: { state: true },
  };

  /** The shape preset a lesson step asks for. */
  declare preset: string | null;
  /** What the calculator shows: a preset id, or "conv" for the one-layer form. */
  declare shown: string;
  declare sizes: ConvSizes;

  constructor() {
    super();
    this.preset = null;
    this.shown = 'lenet5';
    this.sizes = { channels: 3, height: 227, width: 227, filters: 96, kernel: 11, stride: 4, padding: 0 };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('preset') && this.preset !== null) this.shown = this.preset;
  }

  override render() {
    const r = this.resolved;
    if (r === null) return nothing;
    return html`<h3>This sheet</h3>
      ${this.table(r, countLayers(r))}
      <h3>Shape calculator</h3>
      <div class="controls">
        <select
          aria-label="network to count"
          @change=${(e: Event) => (this.shown = (e.target as HTMLSelectElement).value)}
        >
          ${SHAPE_PRESETS.map((p) => html`<option value=${p.id} ?selected=${p.id === this.shown}>${p.title}</option>`)}
          <option value="conv" ?selected=${this.shown === 'conv'}>one conv layer from its sizes</option>
        </select>
      </div>
      ${this.shown === 'conv' ? this.convForm() : this.presetCounts(this.shown)}`;
  }

  private presetCounts(id: string) {
    const p = SHAPE_PRESETS.find((x) => x.id === id);
    const r = resolvePreset(id);
    if (p === undefined || !r.ok) return html`<p class="warning">No such network.</p>`;
    return html`<p>
        ${p.title}: <b>${formatCount(r.value.params)}</b> parameters, <b>${formatCount(r.value.macs)}</b>
        multiplications for one image. Courses quote: ${p.quote}.
      </p>
      ${this.table(r.value, countLayers(r.value))}`;
  }

  private convForm() {
    const r = resolveConvSizes(this.sizes);
    return html`<div class="controls">
        ${SIZE_FIELDS.map(
          ([key, label]) =>
            html`<label
              >${label}
              <input
                type="number"
                min=${key === 'padding' ? 0 : 1}
                style="width:4.5em"
                .value=${String(this.sizes[key])}
                @change=${(e: Event) =>
                  (this.sizes = { ...this.sizes, [key]: Number((e.target as HTMLInputElement).value) })}
            /></label>`,
        )}
      </div>
      ${r.ok ? this.convResult(r.value) : html`<p class="warning" role="alert">${r.errors.map((e) => e.message).join(' ')}</p>`}`;
  }

  private convResult(r: ResolvedWorkbook) {
    const layer = r.layers[0];
    const c = countLayers(r)[0];
    if (layer?.type !== 'conv2d' || c === undefined) return nothing;
    return html`<div class="sum">
      <div>rows: ${layer.rows.text}</div>
      <div>columns: ${layer.columns.text}</div>
      <div>
        output ${layer.outputShape.join(' x ')} · <b>${formatCount(c.params)}</b> parameters ·
        ${formatCount(c.macs)} multiplications · ${formatCount(c.connections)} connections
      </div>
    </div>`;
  }

  private table(r: ResolvedWorkbook, counts: readonly LayerCount[]) {
    const total = (f: (c: LayerCount) => number) => counts.reduce((n, c) => n + f(c), 0);
    const first = counts.find((c) => c.connections > 0);
    return html`<div style="overflow-x:auto">
        <table class="counts" aria-label="counts per layer">
          <thead>
            <tr>
              <th>layer</th>
              <th>output</th>
              <th>params</th>
              <th>mults</th>
              <th>memory</th>
              <th title="a fully connected layer from the same input values to the same output values">
                FC params
              </th>
            </tr>
          </thead>
          <tbody>
            ${counts.map(
              (c, k) =>
                html`<tr>
                  <td>${c.name}</td>
                  <td>${r.layers[k]?.outputShape.join('×')}</td>
                  <td>${formatCount(c.params)}</td>
                  <td>${countText(c.macs)}</td>
                  <td>${bytesText(c.activationBytes)}</td>
                  <td>${c.fullyConnected === null ? '' : countText(c.fullyConnected.params)}</td>
                </tr>`,
            )}
            <tr>
              <th>total</th>
              <td></td>
              <th>${formatCount(total((c) => c.params))}</th>
              <th>${countText(total((c) => c.macs))}</th>
              <td></td>
              <td>${countText(total((c) => c.fullyConnected?.params ?? 0))}</td>
            </tr>
          </tbody>
        </table>
      </div>
      ${
        first === undefined
          ? nothing
          : html`<p class="hint">
              FC: a fully connected layer from the same input values to the same output values. ${first.name}:
              ${formatCount(first.connections)} connections (each output value's inputs and its bias, as
              LeNet-5's paper counts them).
            </p>`
      }`;
  }
}

customElements.define('cs-counting-tool', CsCountingTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-counting-tool': CsCountingTool;
  }
}
