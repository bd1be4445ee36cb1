/**
 * What the formula bar says about the selected cell: where it is, its formula with the real numbers
 * (from the engine's cellFormula), and a note on what it reaches: the receptive field of a map cell,
 * the cells a weight multiplies and feeds.
 */
import { formatCellNumber } from '../src-core/io/number-text';
import { targetValues } from '../src-core/sheet/edit';
import type { Evaluation } from '../src-core/sheet/evaluate';
import { cellFormula } from '../src-core/sheet/formula';
import { markedBox, precedents, weightReach } from '../src-core/sheet/precedents';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { GridSelection } from './grid';
import type { GridSpec } from './sheet-model';

export interface Inspection {
  /** "conv2 map 1 · row 4, column 7", as a spreadsheet's name box. */
  readonly name: string;
  /** The formula with numbers, or the value for a number typed in. */
  readonly formula: string;
  readonly note: string;
}

export function inspect(
  resolved: ResolvedWorkbook,
  evaluation: Evaluation,
  grid: GridSpec,
  selection: GridSelection,
  decimals: number,
): Inspection {
  const { row, col } = selection.focus;
  const index = grid.offset + row * grid.cols + col;
  const where =
    grid.rows === 1 && grid.cols === 1 ? grid.label : `${grid.label} · row ${row + 1}, column ${col + 1}`;
  const n = (v: number) => formatCellNumber(v, decimals);
  if (grid.source.kind === 'map') {
    const layer = grid.source.layer;
    const f = cellFormula(resolved, evaluation, { layer, index }, decimals);
    const formula = layer === -1 ? `${n(f.value)} (a number of the input)` : f.text;
    return { name: where, formula, note: layer === -1 ? '' : receptiveField(resolved, layer, index) };
  }
  const { target } = grid.source;
  const value = targetValues(resolved.workbook, target)?.[index] ?? NaN;
  const r = resolved.layers[target.layer];
  const outputName = r?.layer.name ?? '';
  if (target.kind === 'bias') {
    const cells = r === undefined ? 0 : r.type === 'dense' ? 1 : r.outputShape[1] * r.outputShape[2];
    return {
      name: where,
      formula: `${n(value)} (a bias: typed in, or learned)`,
      note: `added to ${cells === 1 ? `${outputName} output ${index + 1}` : `all ${cells} cells of ${outputName} map ${index + 1}`}`,
    };
  }
  const reach = weightReach(resolved, target.layer, index);
  const inputs = count(reach.inputs);
  const outputs = count(reach.outputs);
  const source =
    target.layer === 0 ? 'the input' : (resolved.layers[target.layer - 1]?.layer.name ?? 'the input');
  return {
    name: where,
    formula: `${n(value)} (a weight: typed in, or learned)`,
    note: `multiplies ${inputs} ${inputs === 1 ? 'cell' : 'cells'} of ${source} and adds to ${outputs} ${
      outputs === 1 ? 'cell' : 'cells'
    } of ${outputName}`,
  };
}

function count(mask: Uint8Array): number {
  let k = 0;
  for (const v of mask) k += v;
  return k;
}

/** "receptive field: 5 x 5 input cells, rows 6-10, columns 11-15" (the first channel's box). */
function receptiveField(resolved: ResolvedWorkbook, layer: number, index: number): string {
  const masks = precedents(resolved, { layer, index });
  const input = masks[0];
  if (input === undefined) return '';
  const [c] = resolved.inputShape;
  for (let ch = 0; ch < c; ch++) {
    const box = markedBox(input, resolved.inputShape, ch);
    if (box === null) continue;
    const channels = c === 1 ? '' : ` on each of ${c} channels`;
    return (
      `receptive field: ${box.rows} x ${box.cols} input cells${channels}, rows ${box.top + 1}-${box.top + box.rows}, ` +
      `columns ${box.left + 1}-${box.left + box.cols}`
    );
  }
  return 'reads no input cell (only padding)';
}
