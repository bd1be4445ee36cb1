/**
 * How the sheet is looked at, apart from the workbook's numbers: zoom, colour scale, normalisation and
 * precision. Plain data, so it can be saved under a workbook's `ui` key; it never changes a number.
 */
import type { ColourScaleName } from './colour';

/** Which values share a colour scale: each grid its own, each layer one, or every map of the sheet. */
export type Normalise = 'grid' | 'layer' | 'sheet';

export interface ViewSettings {
  /** 1 shows numbers at a comfortable size; below 0.75 the sheet is a picture. */
  readonly zoom: number;
  readonly scale: ColourScaleName;
  readonly normalise: Normalise;
  /** Decimals shown in cells and formulas. */
  readonly decimals: number;
}

export const DEFAULT_VIEW: ViewSettings = { zoom: 0.5, scale: 'diverging', normalise: 'layer', decimals: 2 };

export const ZOOM_STEPS = [0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2] as const;

/** The zoom one step in or out from `zoom`. */
export function zoomStep(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-9) ?? zoom;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-9) ?? zoom;
}

export interface CellSize {
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
  /** Whether cells are big enough to hold a readable number. */
  readonly numbers: boolean;
}

/**
 * Cell size at a zoom: wide enough at zoom 1 for "-0.76" in an 11 px monospace font (about 6.7 px per
 * character) plus padding; numbers appear once the font reaches 8 px (zoom 75 %): smaller digits cannot be
 * read, and the sheet is better seen as a picture.
 */
export function cellSize(view: ViewSettings): CellSize {
  const width = 6.7 * (view.decimals + 3) + 8;
  const fontSize = 11 * view.zoom;
  const numbers = fontSize >= 8;
  const cellHeight = Math.max(2, Math.round(19 * view.zoom));
  return {
    // Without numbers the sheet is a picture: square cells, so a digit keeps its proportions.
    cellWidth: numbers ? Math.max(2, Math.round(width * view.zoom)) : cellHeight,
    cellHeight,
    fontSize: Math.round(fontSize * 10) / 10,
    numbers,
  };
}

/**
 * Small grids (filters, biases, class scores) never shrink below a size where their numbers can be read
 * and typed: they are few and small, and they are what a student edits or reads while looking at the maps.
 */
export function parameterCellSize(view: ViewSettings): CellSize {
  return cellSize({ ...view, zoom: Math.max(view.zoom, 0.8) });
}
