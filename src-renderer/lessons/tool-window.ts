import { html, nothing } from 'lit';
import {
  framesPerChannel,
  isWindowLayer,
  windowFrame,
  type WindowChannel,
  type WindowFrame,
  type WindowLayer,
} from '../../src-core/lessons/sliding-window';
import { miniGrid, num } from './mini-grid';
import { LessonTool } from './tool-base';

/** Layers whose output cell k is computed from their input cell k alone. */
const CELL_BY_CELL = new Set(['relu', 'leaky_relu', 'sigmoid', 'tanh', 'dropout']);

/** Frames a second while playing: slow enough to read the sum on a small grid, faster on a digit. */
function playDelay(frames: number): number {
  return frames > 200 ? 60 : frames > 40 ? 200 : 700;
}

/**
 * The sliding window: play, pause, step and scrub the filter (or a pooling window) over its input.
 * At each position: the input with its padding ring drawn as the values it holds, the window outlined,
 * every product listed and the sum written into the output, whose later cells are still blank. The
 * position is the sheet's selected cell, so the sheet highlights the same window and the formula bar
 * writes out the same sum.
 */
export class CsWindowTool extends LessonTool {
  static override properties = { ...LessonTool.properties, playing: { state: true } };

  declare playing: boolean;
  /** The position shown when the selection is elsewhere. */
  private fallback = 0;
  private timer = 0;

  constructor() {
    super();
    this.playing = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pause();
  }

  private get target(): { k: number; layer: WindowLayer } | null {
    const r = this.resolved;
    if (r === null) return null;
    const k = this.pickLayer((i) => isWindowLayer(r.layers[i]));
    const layer = r.layers[k];
    return isWindowLayer(layer) ? { k, layer } : null;
  }

  private indexIn(k: number, layer: WindowLayer): number {
    const total = layer.outputShape[0] * framesPerChannel(layer);
    const sel = this.selectedCell;
    // A cell of a ReLU (or another cell-by-cell layer) right after the window's layer sits over the
    // same window: show that one.
    const sameCells =
      sel !== null &&
      sel.layer >= k &&
      (this.resolved?.layers.slice(k + 1, sel.layer + 1).every((r) => CELL_BY_CELL.has(r.type)) ?? false);
    const index = sel !== null && sameCells ? sel.index : this.fallback;
    return Math.max(0, Math.min(total - 1, index));
  }

  override render() {
    const t = this.target;
    const r = this.resolved;
    const e = this.evaluation;
    if (r === null || e === null) return nothing;
    if (t === null) return html`<p class="hint">This sheet has no conv or pooling layer to slide.</p>`;
    const index = this.indexIn(t.k, t.layer);
    const frame = windowFrame(r, e, t.k, index);
    const per = framesPerChannel(t.layer);
    const position = index % per;
    const windowLayers = r.layers.filter(isWindowLayer);
    return html`
      <div class="controls">
        ${
          windowLayers.length > 1
            ? html`<select aria-label="layer to slide over" @change=${this.onLayer}>
                ${windowLayers.map(
                  (l) => html`<option value=${l.index} ?selected=${l.index === t.k}>${l.layer.name}</option>`,
                )}
              </select>`
            : html`<b>${t.layer.layer.name}</b>`
        }
        ${t.layer.outputShape[0] > 1 ? this.channelPicker(t.layer, frame.channel) : nothing}
        <span>position ${position + 1} of ${per}</span>
      </div>
      <div class="controls">
        <button @click=${() => this.go(frame.channel * per)} aria-label="first position">Start</button>
        <button @click=${() => this.go(index - 1)} ?disabled=${position === 0} aria-label="step back">
          ◀
        </button>
        <button @click=${this.playing ? this.pause : this.play} class="play">
          ${this.playing ? 'Pause' : 'Play'}
        </button>
        <button @click=${() => this.go(index + 1)} ?disabled=${position === per - 1}>Step ▶</button>
        <input
          type="range"
          min="0"
          max=${per - 1}
          .value=${String(position)}
          aria-label="window position"
          @input=${(ev: Event) => this.go(frame.channel * per + Number((ev.target as HTMLInputElement).value))}
        />
      </div>
      <div class="row">${frame.channels.map((c) => this.renderChannel(frame, t.layer, c))}</div>
      ${this.renderSum(frame)} ${this.renderOutput(frame, t.layer, position)}
    `;
  }

  private channelPicker(layer: WindowLayer, channel: number) {
    const per = framesPerChannel(layer);
    const what = layer.type === 'conv2d' ? 'filter' : 'channel';
    return html`<select
      aria-label="output ${what}"
      @change=${(ev: Event) =>
        this.go(Number((ev.target as HTMLSelectElement).value) * per + (this.indexOfSelection() % per))}
    >
      ${Array.from(
        { length: layer.outputShape[0] },
        (_, o) => html`<option value=${o} ?selected=${o === channel}>${what} ${o + 1}</option>`,
      )}
    </select>`;
  }

  private indexOfSelection(): number {
    const t = this.target;
    return t === null ? 0 : this.indexIn(t.k, t.layer);
  }

  private renderChannel(frame: WindowFrame, layer: WindowLayer, c: WindowChannel) {
    const under = new Set(c.taps.map((t) => t.paddedRow * c.cols + t.paddedCol));
    const winnerTap = frame.winner >= 0 ? c.taps[frame.winner] : undefined;
    const winner = winnerTap === undefined ? -1 : winnerTap.paddedRow * c.cols + winnerTap.paddedCol;
    const padded = c.pad.some((p) => p === 1);
    const mode = layer.type === 'conv2d' ? layer.layer.paddingMode : 'zeros';
    const source = frame.layer === 0 ? 'input' : (this.resolved?.layers[frame.layer - 1]?.layer.name ?? '');
    const channels = layer.inputShape[0] > 1 ? ` channel ${c.channel + 1}` : '';
    const ring = !padded
      ? ''
      : layer.type === 'conv2d'
        ? `, ${mode} padding (hatched)`
        : ', padding (never read)';
    const grid = miniGrid(c.values, c.rows, c.cols, {
      label: `${source}${channels}${ring}`,
      classes: (k) =>
        [c.pad[k] === 1 ? 'pad' : '', under.has(k) ? 'window' : '', k === winner ? 'winner' : ''].join(' '),
    });
    if (layer.type !== 'conv2d') return grid;
    const [, , kh, kw] = layer.layer.weight.shape;
    const weights = c.taps.map((t) => t.weight ?? 0);
    const caption = layer.layer.flip ? 'filter as applied (rotated: flip)' : 'filter';
    return html`${grid}${miniGrid(weights, kh, kw, {
      label: layer.inputShape[0] > 1 ? `${caption}, slice ${c.channel + 1}` : caption,
      cell: 30,
    })}`;
  }

  private renderSum(frame: WindowFrame) {
    const v = num(frame.value);
    if (frame.kind === 'conv2d') {
      const lines = frame.channels.map((c) => {
        const terms = c.taps.map((t) => `${num(t.value)}×${num(t.weight ?? 0)}`).join(' + ');
        const label = frame.channels.length > 1 ? `channel ${c.channel + 1}: ` : '';
        return html`<div>${label}${terms} = ${num(c.subtotal)}</div>`;
      });
      const parts = frame.channels.map((c) => num(c.subtotal));
      const bias = frame.bias ?? 0;
      const total =
        frame.channels.length > 1 || bias !== 0
          ? html`<div><b>${[...parts, `bias ${num(bias)}`].join(' + ')} = ${v}</b></div>`
          : nothing;
      return html`<div class="sum" aria-label="sum of products">${lines}${total}</div>`;
    }
    const c = frame.channels[0];
    const real = c?.taps.filter((t) => !t.pad).map((t) => num(t.value)) ?? [];
    const body =
      frame.kind === 'maxpool2d'
        ? `max(${real.join(', ')}) = ${v}`
        : `(${real.join(' + ')}) / ${frame.divisor ?? real.length} = ${v}`;
    return html`<div class="sum" aria-label="pooled value"><b>${body}</b></div>`;
  }

  private renderOutput(frame: WindowFrame, layer: WindowLayer, position: number) {
    const [, oh, ow] = layer.outputShape;
    const all = this.evaluation?.outputs[frame.layer]?.data;
    if (all === undefined) return nothing;
    const map = all.subarray(frame.channel * oh * ow, (frame.channel + 1) * oh * ow);
    const what =
      layer.outputShape[0] > 1 ? ` ${layer.type === 'conv2d' ? 'map' : 'channel'} ${frame.channel + 1}` : '';
    return miniGrid(map, oh, ow, {
      label: `${layer.layer.name}${what}: written up to this position`,
      classes: (k) => (k === position ? 'current' : k > position ? 'pending' : ''),
    });
  }

  private go(index: number): void {
    const t = this.target;
    if (t === null) return;
    const total = t.layer.outputShape[0] * framesPerChannel(t.layer);
    const next = Math.max(0, Math.min(total - 1, index));
    this.fallback = next;
    this.select({ layer: t.k, index: next });
    this.requestUpdate();
  }

  private onLayer = (ev: Event): void => {
    const k = Number((ev.target as HTMLSelectElement).value);
    this.pause();
    this.fallback = 0;
    this.select({ layer: k, index: 0 });
  };

  private play = (): void => {
    const t = this.target;
    if (t === null) return;
    const per = framesPerChannel(t.layer);
    // From the last position, Play starts over.
    if (this.indexIn(t.k, t.layer) % per === per - 1) this.go(this.indexIn(t.k, t.layer) - (per - 1));
    this.playing = true;
    this.timer = window.setInterval(() => {
      const now = this.target;
      if (now === null) return this.pause();
      const index = this.indexIn(now.k, now.layer);
      if (index % framesPerChannel(now.layer) === framesPerChannel(now.layer) - 1) return this.pause();
      this.go(index + 1);
    }, playDelay(per));
  };

  private pause = (): void => {
    window.clearInterval(this.timer);
    this.timer = 0;
    this.playing = false;
  };
}

customElements.define('cs-window-tool', CsWindowTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-window-tool': CsWindowTool;
  }
}
