import { LitElement, css, html, nothing } from 'lit';
import type { Inspection } from './inspect';

/**
 * The formula bar: the selected cell's place, as a spreadsheet's name box, and its formula written
 * out with the real numbers, grouped by input channel for 3-D filters.
 */
export class CsInspector extends LitElement {
  static override properties = {
    inspection: { attribute: false },
  };

  declare inspection: Inspection | null;

  constructor() {
    super();
    this.inspection = null;
  }

  static override styles = css`
    :host {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      padding: 6px 12px;
      border-bottom: 1px solid #d8dbe0;
      background: #fff;
      min-height: 22px;
      font-size: 12px;
    }
    .name {
      flex: none;
      min-width: 200px;
      max-width: 300px;
      padding: 2px 6px;
      border: 1px solid #c8ccd2;
      border-radius: 3px;
      background: #fafafa;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .fx {
      flex: none;
      color: #777;
      font-style: italic;
      padding-top: 2px;
    }
    .formula {
      flex: 1;
      font:
        12px/1.5 ui-monospace,
        'DejaVu Sans Mono',
        Menlo,
        monospace;
      max-height: 4.5em;
      overflow: auto;
      overflow-wrap: anywhere;
    }
    .note {
      display: block;
      color: #666;
      font-family: system-ui, sans-serif;
    }
    .hint {
      color: #777;
      padding-top: 2px;
    }
  `;

  override render() {
    const i = this.inspection;
    if (i === null) {
      return html`<span class="hint">Select a cell to see its formula with the numbers in it.</span>`;
    }
    return html`<output class="name" aria-label="selected cell">${i.name}</output>
      <span class="fx" aria-hidden="true">fx</span>
      <output class="formula" aria-label="formula">
        ${i.formula} ${i.note === '' ? nothing : html`<span class="note">${i.note}</span>`}
      </output>`;
  }
}

customElements.define('cs-inspector', CsInspector);

declare global {
  interface HTMLElementTagNameMap {
    'cs-inspector': CsInspector;
  }
}
