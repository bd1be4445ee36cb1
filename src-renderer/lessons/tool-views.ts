import { html, nothing } from 'lit';
import { filterMatrix, im2colProduct, matrixRow, patchMatrix } from '../../src-core/lessons/im2col';
import { cellPosition } from '../../src-core/sheet/formula';
import { miniGrid, num } from './mini-grid';
import { LessonTool } from './tool-base';

/** Rows of the patch matrix drawn; a 26 x 26 map has 676, which says nothing more than the first few. */
const MATRIX_ROWS = 16;

/**
 * Two views of one step of a conv layer, and the layer as one matrix product: the window laid over the
 * input and multiplied cell by cell; the same as the dot product of the flattened window and the
 * flattened filter; and every position at once, the patch matrix (im2col) times the filter matrix.
 */
export class CsViewsTool extends LessonTool {
  override render() {
    const r = this.resolved;
    const e = this.evaluation;
    if (r === null || e === null) return nothing;
    const k = this.pickLayer((i) => r.layers[i]?.type === 'conv2d');
    const conv = r.layers[k];
    if (conv?.type !== 'conv2d') return html`<p class="hint">This sheet has no conv layer.</p>`;
    const input = k === 0 ? e.input.data : (e.outputs[k - 1]?.data ?? new Float64Array());
    const [out, cin, kh, kw] = conv.layer.weight.shape;
    const [, oh, ow] = conv.outputShape;
    const index = this.selectedCell?.layer === k ? this.selectedCell.index : 0;
    const [o, y, x] = cellPosition(conv.outputShape, index);
    const patches = patchMatrix(conv, input);
    const filters = filterMatrix(conv);
    const position = y * ow + x;
    const windowValues = matrixRow(patches, position);
    const per = cin * kh * kw;
    const weights = (conv.layer.weight.data ?? new Float64Array()).subarray(o * per, (o + 1) * per);
    const bias = conv.layer.hasBias ? (conv.layer.bias.data?.[o] ?? 0) : null;
    const value = e.outputs[k]?.data[index] ?? 0;
    const products = Array.from(windowValues, (v, i) => v * (weights[i] ?? 0));
    const vector = (values: ArrayLike<number>) => `[${Array.from(values, (v) => num(v)).join(', ')}]`;
    const shown = Math.min(MATRIX_ROWS, patches.rows);
    const product = im2colProduct(conv, patches, filters);
    return html`<p>
        ${conv.layer.name}, row ${y + 1}, column ${x + 1}${out > 1 ? `, filter ${o + 1}` : ''}: select another
        cell of ${conv.layer.name} on the sheet to change it.
      </p>
      <h3>1. The window over the input, multiplied cell by cell</h3>
      <div class="row">
        ${Array.from({ length: cin }, (_, c) =>
          miniGrid(products.slice(c * kh * kw, (c + 1) * kh * kw), kh, kw, {
            label: cin > 1 ? `channel ${c + 1}` : 'input × filter',
            cell: kh * kw <= 9 ? 62 : 30,
            text: (i) =>
              kh * kw <= 9
                ? `${num(windowValues[c * kh * kw + i] ?? 0)}×${num(weights[c * kh * kw + i] ?? 0)}`
                : null,
          }),
        )}
      </div>
      <h3>2. The same as a dot product of two flattened vectors</h3>
      <div class="sum" aria-label="dot product">
        <div>window ${vector(windowValues)}</div>
        <div>· filter ${vector(weights)}</div>
        <div>
          = ${products.map((p) => num(p)).join(' + ')}${bias === null ? '' : ` + bias ${num(bias)}`} =
          <b>${num(value)}</b>
        </div>
      </div>
      <h3>3. Every position at once: patch matrix × filter matrix</h3>
      <p class="hint">
        One row per window position (${patches.rows} = ${oh} × ${ow}), one column per filter weight (${per}),
        times one column per filter (${out})${conv.layer.hasBias ? ', plus the bias' : ''}: the whole layer in
        one matrix product.
      </p>
      <div class="row">
        ${miniGrid(patches.data.subarray(0, shown * patches.cols), shown, patches.cols, {
          label: `patches, ${patches.rows} × ${patches.cols}${shown < patches.rows ? ` (first ${shown} rows)` : ''}`,
          maxWidth: 240,
          classes: (i) => (Math.floor(i / patches.cols) === position ? 'window' : ''),
        })}
        ${miniGrid(filters.data, filters.rows, filters.cols, {
          label: `× filters, ${filters.rows} × ${filters.cols}`,
          maxWidth: 90,
          classes: (i) => (i % filters.cols === o ? 'window' : ''),
        })}
        ${miniGrid(product.data.subarray(0, shown * product.cols), shown, product.cols, {
          label: `= ${product.rows} × ${product.cols}`,
          maxWidth: 90,
          classes: (i) => (i === position * product.cols + o ? 'current' : ''),
        })}
      </div>
      ${
        shown < patches.rows && position >= shown
          ? html`<p class="hint">The selected position is row ${position + 1} of the patch matrix.</p>`
          : nothing
      }`;
  }
}

customElements.define('cs-views-tool', CsViewsTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-views-tool': CsViewsTool;
  }
}
