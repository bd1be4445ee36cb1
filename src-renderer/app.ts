import { LitElement, css, html } from 'lit';
import { conv2dForward } from '../src-core/ops/conv2d';
import type { WindowGeometry } from '../src-core/ops/geometry';
import { fastaiDigit } from '../src-core/presets/fastai-digit';
import { tensor, type Tensor } from '../src-core/tensor';
import type { CellEditDetail } from './grid';
import './grid';

const validConv3x3: WindowGeometry = {
  kernelH: 3,
  kernelW: 3,
  strideH: 1,
  strideW: 1,
  padTop: 0,
  padBottom: 0,
  padLeft: 0,
  padRight: 0,
  dilationH: 1,
  dilationW: 1,
};

/**
 * The application: an input digit, one editable 3 x 3 filter and the convolution it produces.
 * Every edit recomputes the output at once.
 */
export class CsApp extends LitElement {
  static override properties = {
    input: { attribute: false },
    filter: { attribute: false },
    message: { state: true },
  };

  /** Input image, 1 x 28 x 28. */
  declare input: Tensor;
  /** The filter bank, 1 x 1 x 3 x 3: the fast.ai top-edge filter to start. */
  declare filter: Tensor;
  declare message: string;

  constructor() {
    super();
    this.input = tensor([1, 28, 28], fastaiDigit);
    this.filter = tensor([1, 1, 3, 3], [1, 1, 1, 0, 0, 0, -1, -1, -1]);
    this.message = 'Type a number into the filter and press Enter.';
  }

  static override styles = css`
    :host {
      display: block;
      font:
        14px/1.4 system-ui,
        sans-serif;
      color: #1a1a1a;
      padding: 16px 20px;
    }
    h1 {
      font-size: 18px;
      margin: 0 0 12px;
    }
    .blocks {
      display: flex;
      gap: 28px;
      align-items: flex-start;
      flex-wrap: wrap;
    }
    h2 {
      font-size: 13px;
      font-weight: 600;
      margin: 0 0 6px;
    }
    .shape {
      color: #666;
      font-weight: 400;
    }
    .status {
      margin-top: 12px;
      color: #444;
    }
  `;

  override render() {
    const output = conv2dForward(this.input, this.filter, null, validConv3x3, 'zeros', false);
    const [, oh = 0, ow = 0] = output.shape;
    return html`
      <h1>ConvSheet</h1>
      <div class="blocks">
        <section>
          <h2>Input <span class="shape">1 x 28 x 28</span></h2>
          <cs-grid
            label="Input"
            .values=${this.input.data}
            .rows=${28}
            .cols=${28}
            .decimals=${1}
            scale="fastai"
            style="--cell-width: 26px; --cell-height: 18px"
          ></cs-grid>
        </section>
        <section>
          <h2>Filter <span class="shape">3 x 3</span></h2>
          <cs-grid
            label="Filter"
            editable
            .values=${this.filter.data}
            .rows=${3}
            .cols=${3}
            @cell-edit=${this.onFilterEdit}
            @cell-error=${this.onCellError}
          ></cs-grid>
        </section>
        <section>
          <h2>Convolution <span class="shape">1 x ${oh} x ${ow}</span></h2>
          <cs-grid
            label="Convolution"
            .values=${output.data}
            .rows=${oh}
            .cols=${ow}
            .decimals=${1}
            style="--cell-width: 30px; --cell-height: 18px"
          ></cs-grid>
        </section>
      </div>
      <p class="status" role="status">${this.message}</p>
    `;
  }

  private onFilterEdit = (event: CustomEvent<CellEditDetail>): void => {
    const data = this.filter.data.slice();
    data[event.detail.index] = event.detail.value;
    this.filter = tensor(this.filter.shape, data);
    this.message = `Filter row ${event.detail.row + 1}, column ${event.detail.col + 1} set to ${event.detail.value}.`;
  };

  private onCellError = (event: CustomEvent<{ message: string }>): void => {
    this.message = event.detail.message;
  };
}

customElements.define('cs-app', CsApp);

declare global {
  interface HTMLElementTagNameMap {
    'cs-app': CsApp;
  }
}
