import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { LayerPatch } from '../src-core/sheet/edit-settings';
import { kindsOf } from '../src-core/sheet/edit-settings';
import type { ResolvedLayer } from '../src-core/sheet/shapes';
import type { IntOrPair, Layer, PaddingSetting } from '../src-core/sheet/types';

/** A refused change: which layer and setting, and why (shown beside that control). */
export interface SettingError {
  readonly layer: number;
  readonly setting: keyof LayerPatch;
  readonly messages: readonly string[];
}

export interface LayerChangeDetail {
  readonly index: number;
  readonly setting: keyof LayerPatch;
  readonly patch: LayerPatch;
}

const KIND_NAMES: Record<string, string> = {
  relu: 'ReLU',
  leaky_relu: 'leaky ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  maxpool2d: 'max pool',
  avgpool2d: 'average pool',
};

/**
 * The settings of one layer as a form. Each control commits on change (Enter or leaving the field); a
 * value that cannot work is explained right under the control, which keeps what was typed, while the
 * sheet keeps its last valid state.
 *
 * @fires layer-change - CustomEvent<LayerChangeDetail>
 * @fires setting-error - CustomEvent<SettingError>: text the form itself could not read.
 */
export class CsLayerSettings extends LitElement {
  static override properties = {
    layer: { attribute: false },
    resolvedLayer: { attribute: false },
    index: { type: Number },
    error: { attribute: false },
  };

  declare layer: Layer | null;
  declare resolvedLayer: ResolvedLayer | null;
  declare index: number;
  declare error: SettingError | null;

  constructor() {
    super();
    this.layer = null;
    this.resolvedLayer = null;
    this.index = 0;
    this.error = null;
  }

  static override styles = css`
    :host {
      display: block;
      font-size: 12px;
    }
    label {
      display: grid;
      grid-template-columns: 92px 1fr;
      align-items: center;
      gap: 6px;
      margin: 5px 0;
    }
    input[type='text'],
    input[type='number'],
    select {
      font: inherit;
      width: 100%;
      box-sizing: border-box;
      padding: 2px 4px;
    }
    input[type='checkbox'] {
      justify-self: start;
    }
    .error {
      color: #b3261e;
      margin: -2px 0 6px 98px;
      line-height: 1.35;
    }
    [aria-invalid='true'] {
      outline: 2px solid #b3261e;
    }
    .hint {
      color: #666;
      margin: 6px 0;
    }
  `;

  override render() {
    const l = this.layer;
    if (l === null) return nothing;
    const rows: TemplateResult[] = [this.text('name', 'name', l.name, (v) => ({ name: v }))];
    const kinds = kindsOf(l.type);
    if (kinds.length > 1) {
      rows.push(
        this.select(
          'type',
          l.type.includes('pool') ? 'pool' : 'activation',
          l.type,
          kinds.map((k) => [k, KIND_NAMES[k] ?? k]),
          (v) => ({ type: v as Layer['type'] }),
        ),
      );
    }
    switch (l.type) {
      case 'conv2d': {
        const [out, , kh, kw] = l.weight.shape;
        rows.push(
          this.number('filters', 'filters', out, (v) => ({ filters: v })),
          this.pair('kernel', 'kernel size', kh === kw ? kh : [kh, kw], (v) => ({ kernel: v })),
          this.pair('stride', 'stride', l.stride, (v) => ({ stride: v })),
          this.text('padding', 'padding', paddingText(l.padding), (v) => readPadding(v)),
          this.select(
            'paddingMode',
            'padding mode',
            l.paddingMode,
            ['zeros', 'reflect', 'replicate', 'circular'].map((m) => [m, m]),
            (v) => ({ paddingMode: v as 'zeros' }),
          ),
          this.pair('dilation', 'dilation', l.dilation, (v) => ({ dilation: v })),
          this.check('hasBias', 'bias', l.hasBias, (v) => ({ hasBias: v })),
          this.check('flip', 'flip (convolution)', l.flip, (v) => ({ flip: v })),
        );
        break;
      }
      case 'maxpool2d':
      case 'avgpool2d':
        rows.push(
          this.pair('size', 'window', l.size, (v) => ({ size: v })),
          this.text('stride', 'stride', l.stride === null ? '' : pairText(l.stride), (v) =>
            v.trim() === '' ? { stride: null } : (readPair(v, 'stride') ?? { stride: Number.NaN }),
          ),
          this.pair('padding', 'padding', l.padding, (v) => ({ padding: v })),
        );
        break;
      case 'dense':
        rows.push(
          this.number('outputs', 'outputs', l.weight.shape[0], (v) => ({ outputs: v })),
          this.check('hasBias', 'bias', l.hasBias, (v) => ({ hasBias: v })),
        );
        break;
      case 'leaky_relu':
        rows.push(this.number('slope', 'slope', l.slope, (v) => ({ slope: v }), 'any'));
        break;
      case 'dropout':
        rows.push(this.number('p', 'p', l.p, (v) => ({ p: v }), 'any'));
        break;
      default:
        break;
    }
    return html`${rows}${this.renderShape()}`;
  }

  private renderShape() {
    const r = this.resolvedLayer;
    if (r === null) return nothing;
    return html`<p class="hint">${r.inputShape.join(' x ')} → ${r.outputShape.join(' x ')}</p>`;
  }

  private errorFor(setting: keyof LayerPatch) {
    const e = this.error;
    if (e === null || e.layer !== this.index || e.setting !== setting) return null;
    return e.messages;
  }

  private control(setting: keyof LayerPatch, label: string, field: TemplateResult) {
    const messages = this.errorFor(setting);
    const id = `error-${setting}`;
    return html`<label>${label} ${field}</label>
      ${messages === null ? nothing : html`<div class="error" id=${id} role="alert">${messages.join(' ')}</div>`}`;
  }

  private text(
    setting: keyof LayerPatch,
    label: string,
    value: string,
    read: (v: string) => LayerPatch | null,
  ) {
    const invalid = this.errorFor(setting) !== null;
    return this.control(
      setting,
      label,
      html`<input
        type="text"
        name=${setting}
        .value=${value}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `error-${setting}` : nothing}
        @change=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          const patch = read(text);
          if (patch === null)
            this.refuse(setting, `"${text}" is not a ${label}: write one number or two, as 3 x 5`);
          else this.change(setting, patch);
        }}
      />`,
    );
  }

  private pair(
    setting: keyof LayerPatch,
    label: string,
    value: IntOrPair,
    make: (v: IntOrPair) => LayerPatch,
  ) {
    return this.text(setting, label, pairText(value), (text) => {
      const v = readIntOrPair(text);
      return v === null ? null : make(v);
    });
  }

  private number(
    setting: keyof LayerPatch,
    label: string,
    value: number,
    make: (v: number) => LayerPatch,
    step = '1',
  ) {
    const invalid = this.errorFor(setting) !== null;
    return this.control(
      setting,
      label,
      html`<input
        type="number"
        name=${setting}
        step=${step}
        .value=${String(value)}
        aria-invalid=${invalid ? 'true' : 'false'}
        @change=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          if (text.trim() === '') this.refuse(setting, `${label} needs a number`);
          else this.change(setting, make(Number(text)));
        }}
      />`,
    );
  }

  private check(setting: keyof LayerPatch, label: string, value: boolean, make: (v: boolean) => LayerPatch) {
    return this.control(
      setting,
      label,
      html`<input
        type="checkbox"
        name=${setting}
        .checked=${value}
        @change=${(e: Event) => this.change(setting, make((e.target as HTMLInputElement).checked))}
      />`,
    );
  }

  private select(
    setting: keyof LayerPatch,
    label: string,
    value: string,
    options: readonly (readonly [string, string])[],
    make: (v: string) => LayerPatch,
  ) {
    return this.control(
      setting,
      label,
      html`<select
        name=${setting}
        @change=${(e: Event) => this.change(setting, make((e.target as HTMLSelectElement).value))}
      >
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>`,
    );
  }

  private change(setting: keyof LayerPatch, patch: LayerPatch): void {
    const detail: LayerChangeDetail = { index: this.index, setting, patch };
    this.dispatchEvent(new CustomEvent('layer-change', { detail, bubbles: true, composed: true }));
  }

  private refuse(setting: keyof LayerPatch, message: string): void {
    const detail: SettingError = { layer: this.index, setting, messages: [message] };
    this.dispatchEvent(new CustomEvent('setting-error', { detail, bubbles: true, composed: true }));
  }
}

function pairText(v: IntOrPair): string {
  return typeof v === 'number' ? String(v) : `${v[0]} x ${v[1]}`;
}

function paddingText(p: PaddingSetting): string {
  return typeof p === 'string' ? p : pairText(p);
}

/** "3" -> 3, "3 x 5" / "3,5" / "3 5" -> [3, 5]; numbers that break a rule go on to the engine's checks. */
export function readIntOrPair(text: string): IntOrPair | null {
  const parts = text
    .trim()
    .split(/\s*[x×,]\s*|\s+/)
    .filter((p) => p !== '');
  const numbers = parts.map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) return null;
  if (numbers.length === 1) return numbers[0] ?? null;
  if (numbers.length === 2) return [numbers[0] ?? 0, numbers[1] ?? 0];
  return null;
}

function readPair(text: string, key: 'stride'): LayerPatch | null {
  const v = readIntOrPair(text);
  return v === null ? null : { [key]: v };
}

function readPadding(text: string): LayerPatch | null {
  const t = text.trim().toLowerCase();
  if (t === 'same' || t === 'valid') return { padding: t };
  const v = readIntOrPair(t);
  return v === null ? null : { padding: v };
}

customElements.define('cs-layer-settings', CsLayerSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cs-layer-settings': CsLayerSettings;
  }
}
