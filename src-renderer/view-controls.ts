import { LitElement, html } from 'lit';
import type { ColourScaleName } from './colour';
import { zoomStep, type Normalise, type ViewSettings } from './view';

/**
 * The toolbar's view settings: zoom, colour scale, what colours are normalised over, decimals.
 * Rendered into the toolbar itself (no shadow root), so the toolbar's styles and layout apply.
 *
 * @fires view-change - CustomEvent<{view: ViewSettings}>: the user changed a setting.
 */
export class CsViewControls extends LitElement {
  static override properties = { view: { attribute: false } };

  declare view: ViewSettings;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.style.display = 'contents';
  }

  override render() {
    const v = this.view;
    return html`<span class="group" role="group" aria-label="zoom">
        <button aria-label="zoom out" @click=${() => this.change({ zoom: zoomStep(v.zoom, -1) })}>−</button>
        <span class="zoom">${Math.round(v.zoom * 100)}%</span>
        <button aria-label="zoom in" @click=${() => this.change({ zoom: zoomStep(v.zoom, 1) })}>+</button>
      </span>
      ${this.select(
        'colours',
        v.scale,
        [
          ['diverging', 'blue–white–red'],
          ['fastai', 'white–red (fast.ai)'],
        ],
        (s) => ({ scale: s as ColourScaleName }),
      )}
      ${this.select(
        'scale per',
        v.normalise,
        [
          ['grid', 'grid'],
          ['layer', 'layer'],
          ['sheet', 'whole sheet'],
        ],
        (s) => ({ normalise: s as Normalise }),
      )}
      ${this.select(
        'decimals',
        String(v.decimals),
        ['0', '1', '2', '3', '4'].map((d) => [d, d] as const),
        (s) => ({ decimals: Number(s) }),
      )}`;
  }

  private select(
    label: string,
    value: string,
    options: readonly (readonly [string, string])[],
    make: (v: string) => Partial<ViewSettings>,
  ) {
    return html`<label
      >${label}
      <select @change=${(e: Event) => this.change(make((e.target as HTMLSelectElement).value))}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select></label
    >`;
  }

  private change(settings: Partial<ViewSettings>): void {
    this.dispatchEvent(
      new CustomEvent('view-change', {
        detail: { view: { ...this.view, ...settings } },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define('cs-view-controls', CsViewControls);

declare global {
  interface HTMLElementTagNameMap {
    'cs-view-controls': CsViewControls;
  }
}
