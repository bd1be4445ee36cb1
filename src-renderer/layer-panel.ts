import { LitElement, css, html, nothing } from 'lit';
import { formatCount } from '../src-core/sheet/issues';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { LayerType } from '../src-core/sheet/types';
import { kindText } from './sheet-model';
import type { SettingError } from './layer-settings';
import './layer-settings';

/** The layers a user adds from the panel, in the order a network is usually built. */
const ADDABLE: readonly (readonly [LayerType, string])[] = [
  ['conv2d', 'conv'],
  ['relu', 'ReLU'],
  ['leaky_relu', 'leaky ReLU'],
  ['sigmoid', 'sigmoid'],
  ['tanh', 'tanh'],
  ['maxpool2d', 'max pool'],
  ['avgpool2d', 'average pool'],
  ['globalavgpool', 'global average pool'],
  ['globalmaxpool', 'global max pool'],
  ['flatten', 'flatten'],
  ['dense', 'dense'],
  ['dropout', 'dropout'],
  ['softmax', 'softmax'],
];

/**
 * The side panel: the layers with their shapes, buttons to add, remove and reorder them, and the
 * settings of the selected one.
 *
 * @fires layer-select - CustomEvent<{index: number}> (-1: the input)
 * @fires layer-add - CustomEvent<{at: number, type: LayerType}>
 * @fires layer-remove - CustomEvent<{index: number}>
 * @fires layer-move - CustomEvent<{index: number, to: number}>
 * (and, from the settings form, layer-change and setting-error)
 */
export class CsLayerPanel extends LitElement {
  static override properties = {
    resolved: { attribute: false },
    selected: { type: Number },
    error: { attribute: false },
    listError: { attribute: false },
    addType: { state: true },
  };

  declare resolved: ResolvedWorkbook | null;
  declare selected: number;
  declare error: SettingError | null;
  /** Why the last add, remove or move was refused. */
  declare listError: string | null;
  declare addType: LayerType;

  constructor() {
    super();
    this.resolved = null;
    this.selected = 0;
    this.error = null;
    this.listError = null;
    this.addType = 'conv2d';
  }

  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      padding: 10px 12px;
      font-size: 12px;
      background: #fff;
      border-right: 1px solid #d8dbe0;
    }
    h2 {
      font-size: 13px;
      margin: 0 0 6px;
    }
    ol {
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    li {
      display: flex;
      align-items: center;
      gap: 2px;
    }
    .layer {
      flex: 1;
      display: grid;
      grid-template-columns: 1fr auto;
      text-align: left;
      font: inherit;
      border: 1px solid transparent;
      background: none;
      padding: 3px 5px;
      border-radius: 4px;
      cursor: pointer;
      min-width: 0;
    }
    .layer[aria-current='true'] {
      background: #e8f0fe;
      border-color: #9bb8f2;
    }
    .name {
      font-weight: 600;
    }
    .kind {
      color: #555;
      grid-column: 1 / 3;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .shape {
      color: #333;
      font-variant-numeric: tabular-nums;
    }
    .tools button {
      font: inherit;
      width: 22px;
      padding: 0;
    }
    .add {
      display: flex;
      gap: 4px;
      margin: 6px 0 10px;
    }
    .add select {
      flex: 1;
      font: inherit;
    }
    .error {
      color: #b3261e;
      margin: 4px 0;
    }
    .totals {
      color: #555;
      margin: 4px 0 8px;
    }
    hr {
      border: none;
      border-top: 1px solid #e3e5e8;
      margin: 8px 0;
    }
  `;

  override render() {
    const r = this.resolved;
    if (r === null) return nothing;
    const selected = r.layers[this.selected];
    return html`<h2 id="layers-title">Layers</h2>
      <ol aria-labelledby="layers-title">
        <li>
          <button
            class="layer"
            aria-current=${this.selected === -1 ? 'true' : 'false'}
            @click=${() => this.pick(-1)}
          >
            <span class="name">Input</span><span class="shape">${r.inputShape.join(' x ')}</span>
          </button>
        </li>
        ${r.layers.map((l, i) => this.renderLayer(r, l.layer.name, kindText(l), l.outputShape.join(' x '), i))}
      </ol>
      <div class="totals">${formatCount(r.params)} parameters · ${formatCount(r.macs)} multiply-adds</div>
      <div class="add">
        <select aria-label="layer type to add" @change=${this.onAddType}>
          ${ADDABLE.map(([t, name]) => html`<option value=${t} ?selected=${t === this.addType}>${name}</option>`)}
        </select>
        <button @click=${this.onAdd}>
          Add after ${this.selected === -1 ? 'input' : (selected?.layer.name ?? '')}
        </button>
      </div>
      ${this.listError === null ? nothing : html`<div class="error" role="alert">${this.listError}</div>`}
      <hr />
      ${
        selected === undefined
          ? html`<p>
              The input image, ${r.inputShape.join(' x ')}: edit its cells on the sheet or paste a block.
            </p>`
          : html`<h2>${selected.layer.name} settings</h2>
              <cs-layer-settings
                .layer=${selected.layer}
                .resolvedLayer=${selected}
                .index=${this.selected}
                .error=${this.error}
              ></cs-layer-settings>`
      }`;
  }

  private renderLayer(r: ResolvedWorkbook, name: string, kind: string, shape: string, i: number) {
    const current = this.selected === i;
    return html`<li>
      <button class="layer" aria-current=${current ? 'true' : 'false'} @click=${() => this.pick(i)}>
        <span class="name">${name}</span><span class="shape">${shape}</span><span class="kind">${kind}</span>
      </button>
      <span class="tools">
        <button
          aria-label="move ${name} up"
          title="move up"
          ?disabled=${i === 0}
          @click=${() => this.fire('layer-move', { index: i, to: i - 1 })}
        >
          ↑
        </button>
        <button
          aria-label="move ${name} down"
          title="move down"
          ?disabled=${i === r.layers.length - 1}
          @click=${() => this.fire('layer-move', { index: i, to: i + 1 })}
        >
          ↓
        </button>
        <button
          aria-label="remove ${name}"
          title="remove"
          @click=${() => this.fire('layer-remove', { index: i })}
        >
          ×
        </button>
      </span>
    </li>`;
  }

  private pick(index: number): void {
    this.fire('layer-select', { index });
  }

  private onAddType = (e: Event): void => {
    this.addType = (e.target as HTMLSelectElement).value as LayerType;
  };

  private onAdd = (): void => {
    this.fire('layer-add', { at: this.selected + 1, type: this.addType });
  };

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('cs-layer-panel', CsLayerPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cs-layer-panel': CsLayerPanel;
  }
}
