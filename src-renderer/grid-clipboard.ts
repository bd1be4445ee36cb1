/**
 * Pasting clipboard text into a grid: the numbers read as a spreadsheet block, placed at the selection,
 * and the selection the grid shows afterwards.
 */
import { parseBlock, planPaste } from '../src-core/sheet/edit-paste';
import type { GridCellChange } from './grid-events';
import { rangeOf, type GridSelection } from './grid-selection';

export type Pasted =
  | { readonly ok: true; readonly changes: readonly GridCellChange[]; readonly selection: GridSelection }
  | { readonly ok: false; readonly message: string };

export function pasteInto(text: string, rows: number, cols: number, selection: GridSelection): Pasted {
  const block = parseBlock(text);
  const plan = block.ok ? planPaste({ offset: 0, rows, cols }, rangeOf(selection), block.rows) : block;
  if (!plan.ok) return plan;
  const changes = plan.changes.map((c) => ({
    row: Math.floor(c.index / cols),
    col: c.index % cols,
    index: c.index,
    value: c.value,
  }));
  const r = plan.range;
  // As in Excel, the pasted block stays selected with its top-left cell active.
  return {
    ok: true,
    changes,
    selection: {
      anchor: { row: r.row + r.rows - 1, col: r.col + r.cols - 1 },
      focus: { row: r.row, col: r.col },
    },
  };
}
