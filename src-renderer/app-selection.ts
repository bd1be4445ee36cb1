/**
 * The selected cell's companions in the app: what the formula bar explains about it, the marks that
 * trace it on the sheet (kept until the selection or the shapes change), and whether its grid still
 * exists after a change.
 */
import { inspect, type Inspection } from './inspect';
import { marksFor, NO_MARKS, type SheetMarks } from './marks';
import type { Session } from './session';
import type { SheetSelection } from './sheet';
import { gridsOf, sheetBlocks, type GridSpec } from './sheet-model';

export function inspectionOf(
  session: Session,
  grid: GridSpec | null,
  selected: SheetSelection | null,
  decimals: number,
): Inspection | null {
  if (grid === null || selected === null) return null;
  return inspect(session.resolved, session.evaluation, grid, selected.selection, decimals);
}

/** Marks for the selection, worked out again only when the selection or the shapes change. */
export class MarksCache {
  private marks: SheetMarks = NO_MARKS;
  private key = '';

  get(session: Session, grid: GridSpec | null, selected: SheetSelection | null): SheetMarks {
    if (grid === null || selected === null) return NO_MARKS;
    const { row, col } = selected.selection.focus;
    const index = grid.offset + row * grid.cols + col;
    const key = `${grid.key}:${index}:${session.structure}`;
    if (key === this.key) return this.marks;
    const s = grid.source;
    this.marks = marksFor(
      session.resolved,
      s.kind === 'map'
        ? { kind: 'map', layer: s.layer, index }
        : { kind: s.target.kind, layer: s.target.layer, index },
    );
    this.key = key;
    return this.marks;
  }
}

/** The selected grid as the sheet now has it, or null when it is gone or changed its size. */
export function followGrid(session: Session, grid: GridSpec): GridSpec | null {
  const same = sheetBlocks(session.resolved)
    .flatMap(gridsOf)
    .find((g) => g.key === grid.key);
  return same === undefined || same.rows !== grid.rows || same.cols !== grid.cols ? null : same;
}
