/**
 * What the app needs to host the lesson panel: the cell a sheet selection stands for, and the grid
 * and selection that show a cell a lesson names. Kept here so the app itself changes little.
 */
import type { CellRef } from '../../src-core/sheet/precedents';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { viewOf } from '../files/document';
import { single, type GridSelection } from '../grid-selection';
import type { SheetSelection } from '../sheet';
import { gridsOf, sheetBlocks, type GridSpec } from '../sheet-model';
import type { ViewSettings } from '../view';
import type { LessonEditDetail } from './tool-base';

/** The map cell selected on the sheet, or null (nothing selected, or a weight). */
export function selectedCellOf(grid: GridSpec | null, selected: SheetSelection | null): CellRef | null {
  if (grid === null || selected === null || grid.source.kind !== 'map') return null;
  const { row, col } = selected.selection.focus;
  return { layer: grid.source.layer, index: grid.offset + row * grid.cols + col };
}

/** The grid showing `cell` and a selection of just that cell, or null when no grid shows it. */
export function selectionAt(
  resolved: ResolvedWorkbook,
  cell: CellRef,
): { grid: GridSpec; selection: GridSelection } | null {
  for (const grid of sheetBlocks(resolved).flatMap(gridsOf)) {
    if (grid.source.kind !== 'map' || grid.source.layer !== cell.layer) continue;
    const k = cell.index - grid.offset;
    if (k < 0 || k >= grid.rows * grid.cols) continue;
    return { grid, selection: single(Math.floor(k / grid.cols), k % grid.cols) };
  }
  return null;
}

/** The view after a lesson's edit: a step opening its sheet brings the zoom its workbook asks for. */
export function viewAfter(detail: LessonEditDetail, current: ViewSettings): ViewSettings {
  if (detail.withView !== true || !detail.result.ok) return current;
  return viewOf(detail.result.value.workbook, current) ?? current;
}
