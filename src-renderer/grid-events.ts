import type { CellRange } from '../src-core/sheet/edit-paste';
import type { CellPosition, GridSelection } from './grid-selection';

/** What cs-grid tells its owner, and what it is told about the window. */

/** One cell a user set; `index` is row-major within this grid. */
export interface GridCellChange extends CellPosition {
  readonly index: number;
  readonly value: number;
}

export interface CellSelectDetail extends CellPosition {
  readonly selection: GridSelection;
  readonly range: CellRange;
}

export interface CellEditDetail {
  readonly changes: readonly GridCellChange[];
}

export interface CellHoverDetail extends CellPosition {
  readonly value: number;
}

/** The part of the window where the sheet is visible, in client coordinates. */
export interface Viewport {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}
