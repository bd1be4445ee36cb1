import { html, nothing } from 'lit';
import { rotate180 } from '../../src-core/lessons/im2col';
import { symbolicConvCell, weightSymbols } from '../../src-core/lessons/symbolic';
import { changeLayer } from '../../src-core/sheet/edit-settings';
import { cellPosition } from '../../src-core/sheet/formula';
import type { ResolvedLayer } from '../../src-core/sheet/shapes';
import { miniGrid, num } from './mini-grid';
import { LessonTool } from './tool-base';

type Conv = Extract<ResolvedLayer, { type: 'conv2d' }>;

/** Output grids up to this many cells list every cell's formula; larger ones only the selected cell's. */
const ALL_FORMULAS = 16;

/**
 * Symbolic mode: the filter as letters (w x / y z for a 2 x 2 slice, a b c ... for larger ones) beside
 * its numbers, and the output cells written as sums of input values times those letters, as courses
 * first write convolution: a 3 x 3 input 1..9 with a 2 x 2 filter gives 1w + 2x + 4y + 5z.
 */
export class CsSymbolicTool extends LessonTool {
  override render() {
    const r = this.resolved;
    const e = this.evaluation;
    if (r === null || e === null) return nothing;
    const k = this.pickLayer((i) => r.layers[i]?.type === 'conv2d');
    const conv = r.layers[k];
    if (conv?.type !== 'conv2d') return html`<p class="hint">This sheet has no conv layer.</p>`;
    const input = k === 0 ? e.input.data : (e.outputs[k - 1]?.data ?? new Float64Array());
    const [out, cin, kh, kw] = conv.layer.weight.shape;
    const names = weightSymbols(cin, kh, kw);
    const [, oh, ow] = conv.outputShape;
    const selected =
      this.selectedCell?.layer === k ? cellPosition(conv.outputShape, this.selectedCell.index) : null;
    const o = selected?.[0] ?? 0;
    const weights = conv.layer.weight.data ?? new Float64Array();
    const slices = Array.from({ length: cin }, (_, c) => {
      const from = (o * cin + c) * kh * kw;
      return html`${miniGrid(weights.subarray(from, from + kh * kw), kh, kw, {
        label:
          cin > 1
            ? `filter ${o + 1}, slice ${c + 1}`
            : `${conv.layer.name} filter${out > 1 ? ` ${o + 1}` : ''}`,
        text: (i) => names[c * kh * kw + i] ?? '?',
        classes: () => 'letter',
        cell: 30,
      })}`;
    });
    const values = names.map((n, i) => `${n} = ${num(weights[o * cin * kh * kw + i] ?? 0)}`).join(', ');
    const cells =
      oh * ow <= ALL_FORMULAS
        ? Array.from({ length: oh * ow }, (_, p) => [Math.floor(p / ow), p % ow] as const)
        : selected === null
          ? [[0, 0] as const]
          : [[selected[1], selected[2]] as const];
    return html`<div class="row">${slices}</div>
      <p class="sum">${values}${conv.layer.hasBias ? `, b = ${num(conv.layer.bias.data?.[o] ?? 0)}` : ''}</p>
      <h3>${conv.layer.name}${out > 1 ? ` map ${o + 1}` : ''} in letters</h3>
      <table aria-label="output cells in letters">
        ${cells.map(([y, x]) => {
          const index = (o * oh + y) * ow + x;
          const current = this.selectedCell?.layer === k && this.selectedCell.index === index;
          return html`<tr class=${current ? 'current' : ''}>
            <td>row ${y + 1}, col ${x + 1}</td>
            <td class="sum wrap" style="text-align:left">${symbolicConvCell(conv, input, o, y, x)}</td>
            <td>= ${num(e.outputs[k]?.data[index] ?? 0)}</td>
          </tr>`;
        })}
      </table>
      ${oh * ow > ALL_FORMULAS ? html`<p class="hint">Select a cell of ${conv.layer.name} to see its formula.</p>` : nothing}`;
  }
}

/**
 * Correlation against true convolution: the filter as stored and rotated 180 degrees, a switch that
 * sets the layer's `flip` (undoable), and why libraries call cross-correlation "convolution".
 */
export class CsFlipTool extends LessonTool {
  override render() {
    const r = this.resolved;
    if (r === null) return nothing;
    const k = this.pickLayer((i) => r.layers[i]?.type === 'conv2d');
    const conv = r.layers[k];
    if (conv?.type !== 'conv2d') return html`<p class="hint">This sheet has no conv layer.</p>`;
    const [, cin, kh, kw] = conv.layer.weight.shape;
    const o = this.selectedCell?.layer === k ? cellPosition(conv.outputShape, this.selectedCell.index)[0] : 0;
    const from = o * cin * kh * kw;
    const stored = (conv.layer.weight.data ?? new Float64Array()).subarray(from, from + kh * kw);
    const flip = conv.layer.flip;
    return html`<label class="controls"
        ><input type="checkbox" .checked=${flip} @change=${() => this.toggle(k, conv)} /> flip the kernel
        (true convolution) on ${conv.layer.name}</label
      >
      <div class="row">
        ${miniGrid(stored, kh, kw, { label: 'the filter as stored', cell: 30 })}
        ${miniGrid(rotate180(stored, kh, kw), kh, kw, { label: 'rotated 180 degrees', cell: 30 })}
      </div>
      <p>
        ${
          flip
            ? 'Now the sheet slides the rotated kernel: true convolution, as signal processing defines it.'
            : 'The sheet slides the filter as stored: cross-correlation, what PyTorch\u2019s conv2d computes.'
        }
      </p>
      <p class="hint">
        Convolution in mathematics flips the kernel; deep-learning libraries skip the flip and still say
        "convolution". Their filters are learned, so a network that needed the flipped one just learns it
        flipped: nothing is lost, and skipping the flip is
        simpler.${cin > 1 ? ' (First input channel shown.)' : ''}
      </p>`;
  }

  private toggle(k: number, conv: Conv): void {
    const workbook = this.resolved?.workbook;
    if (workbook === undefined) return;
    this.edit({
      result: changeLayer(workbook, k, { flip: !conv.layer.flip }),
      structural: true,
      message: `${conv.layer.name}: ${conv.layer.flip ? 'cross-correlation again' : 'kernel flipped (true convolution)'}`,
    });
  }
}

customElements.define('cs-symbolic-tool', CsSymbolicTool);
customElements.define('cs-flip-tool', CsFlipTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-symbolic-tool': CsSymbolicTool;
    'cs-flip-tool': CsFlipTool;
  }
}
