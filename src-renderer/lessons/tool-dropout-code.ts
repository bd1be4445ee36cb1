import { html, nothing } from 'lit';
import { dropoutView } from '../../src-core/lessons/dropout-view';
import { conv2dCall, pytorchCode } from '../../src-core/lessons/pytorch-code';
import { miniGrid, num } from './mini-grid';
import { LessonTool } from './tool-base';

/** Channels of a dropout layer's input drawn; the rest are like them. */
const CHANNELS_SHOWN = 2;

/**
 * Dropout made visible: identity when evaluating (what the sheet shows); with "show training mask", the
 * seeded keep mask the trainer would draw and the output while learning, kept values x 1/(1-p).
 */
export class CsDropoutTool extends LessonTool {
  static override properties = {
    ...LessonTool.properties,
    showMask: { state: true },
    seed: { state: true },
  };

  declare showMask: boolean;
  /** Seed of the mask shown; "Next mask" draws the following one. */
  declare seed: number;

  constructor() {
    super();
    this.showMask = false;
    this.seed = 1;
  }

  override render() {
    const r = this.resolved;
    const e = this.evaluation;
    if (r === null || e === null) return nothing;
    const k = this.pickLayer((i) => r.layers[i]?.type === 'dropout');
    const layer = r.layers[k];
    if (layer?.type !== 'dropout') {
      return html`<p class="hint">This sheet has no dropout layer: add one in the layer panel.</p>`;
    }
    const p = layer.layer.p;
    const input = k === 0 ? e.input.data : (e.outputs[k - 1]?.data ?? new Float64Array());
    const view = dropoutView(input, p, this.seed);
    const [c, h, w] = layer.inputShape;
    const vector = h * w === 1;
    const rows = vector ? Math.ceil(c / 16) : h;
    const cols = vector ? Math.min(c, 16) : w;
    const per = vector ? c : h * w;
    const grids = (values: ArrayLike<number>, label: string, text?: (i: number) => string | null) =>
      Array.from({ length: vector ? 1 : Math.min(c, CHANNELS_SHOWN) }, (_, ch) => {
        const slice = Array.from({ length: per }, (_, i) => values[ch * per + i] ?? 0);
        return miniGrid(slice, rows, cols, {
          label: c > 1 && !vector ? `${label}, channel ${ch + 1}` : label,
          text: text === undefined ? undefined : (i) => text(ch * per + i),
          maxWidth: 170,
        });
      });
    return html`<p>
        <b>${layer.layer.name}</b>, p = ${num(p)}. When evaluating, as the sheet does, it passes every value
        through unchanged.
      </p>
      <div class="controls">
        <label
          ><input
            type="checkbox"
            .checked=${this.showMask}
            @change=${() => (this.showMask = !this.showMask)}
          />
          show training mask</label
        >
        ${
          this.showMask
            ? html`<button @click=${() => this.seed++}>Next mask</button
                ><span class="hint">seed ${this.seed}</span>`
            : nothing
        }
      </div>
      ${
        this.showMask
          ? html`<p>
                While learning: kept <b>${view.kept}</b> of ${input.length} values, each × 1/(1 − ${num(p)}) =
                <b>× ${num(view.scale)}</b>; the rest set to 0.
              </p>
              <div class="row">
                ${grids(input, 'reaching the layer')}
                ${grids(view.mask, 'mask', (i) => (view.mask[i] === 1 ? 'keep' : 'drop'))}
                ${grids(view.output, 'output while learning')}
              </div>`
          : nothing
      }`;
  }
}

/**
 * The framework call: the sheet as a runnable PyTorch script loaded with its numbers, and one conv
 * layer as the F.conv2d call, each with a Copy button.
 */
export class CsCodeTool extends LessonTool {
  static override properties = { ...LessonTool.properties, copied: { state: true } };

  declare copied: string;

  constructor() {
    super();
    this.copied = '';
  }

  override render() {
    const r = this.resolved;
    if (r === null) return nothing;
    const k = this.pickLayer((i) => r.layers[i]?.type === 'conv2d');
    const conv = r.layers[k];
    const script = pytorchCode(r);
    return html`<p class="hint">
        The same network in PyTorch, loaded with the sheet's numbers; run it and it prints the sheet's last
        layer.
      </p>
      ${
        conv?.type === 'conv2d'
          ? html`<h3>${conv.layer.name} as one call</h3>
              <pre class="call" aria-label="F.conv2d call">${conv2dCall(conv)}</pre>
              <button @click=${() => this.copy(conv2dCall(conv), 'the call')}>Copy the call</button>`
          : nothing
      }
      <h3>The whole sheet</h3>
      <pre aria-label="PyTorch code">${script}</pre>
      <div class="controls">
        <button @click=${() => this.copy(script, 'the script')}>Copy the script</button>
        <span role="status">${this.copied}</span>
      </div>`;
  }

  private copy(text: string, what: string): void {
    navigator.clipboard.writeText(text).then(
      () => (this.copied = `Copied ${what}: paste it into a notebook.`),
      () => (this.copied = 'The clipboard is not available here: select the text and copy it.'),
    );
  }
}

customElements.define('cs-dropout-tool', CsDropoutTool);
customElements.define('cs-code-tool', CsCodeTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-dropout-tool': CsDropoutTool;
    'cs-code-tool': CsCodeTool;
  }
}
