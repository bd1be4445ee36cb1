/**
 * Keeps what a grid shows in step with its properties after each Lit update: the colour canvas, the
 * numbers-and-marks canvas and the gridcells' names, each redrawn only when a property it shows changed.
 */
import { maxAbs, type ColourScaleName } from './colour';
import type { Viewport } from './grid-events';
import { CellLabels, DOM_CELL_LIMIT, paintHeatmap, type PaintInput, type VisiblePart } from './grid-paint';
import { rangeOf, type GridSelection } from './grid-selection';
import { OverlayPainter } from './grid-overlay';

/** The properties of a grid that decide what it draws. */
export interface GridLook {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly decimals: number;
  readonly numbers: boolean;
  readonly scale: ColourScaleName;
  readonly limit: number | undefined;
  readonly marks: Uint8Array | null;
  readonly selection: GridSelection | null;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
  readonly viewport: Viewport | null;
}

const LOOKS = ['values', 'limit', 'scale', 'decimals', 'numbers', 'rows', 'cols'];

const OVERLAY = ['marks', 'cellWidth', 'cellHeight', 'fontSize', 'viewport'];

export class GridDrawing {
  private labels: CellLabels | null = null;
  private overlay = new OverlayPainter();

  /** Draws after an update; `changed` holds the names of the properties that changed. */
  draw(root: ParentNode, host: Element, look: GridLook, changed: ReadonlyMap<PropertyKey, unknown>): void {
    // Spelled out: a Lit element's properties are accessors, which object spread would not copy.
    const input: PaintInput = {
      values: look.values,
      rows: look.rows,
      cols: look.cols,
      decimals: look.decimals,
      numbers: look.numbers,
      scale: look.scale,
      limit: look.limit ?? maxAbs(look.values),
      marks: look.marks,
    };
    const looksChanged = LOOKS.some((k) => changed.has(k));
    const heat = root.querySelector<HTMLCanvasElement>('canvas.heat');
    if (heat !== null && (heat.width !== look.cols || heat.height !== look.rows || looksChanged)) {
      paintHeatmap(heat, input);
    }
    const overlay = root.querySelector<HTMLCanvasElement>('canvas.overlay');
    if (overlay !== null && (looksChanged || OVERLAY.some((k) => changed.has(k)) || overlay.width === 0)) {
      const part = visiblePart(host, look);
      const hidden = part === null || (!look.numbers && look.marks === null);
      overlay.style.display = hidden ? 'none' : '';
      if (!hidden) this.overlay.paint(overlay, input, part, look.cellWidth, look.cellHeight, look.fontSize);
    }
    this.labelCells(root, look, changed);
  }

  /** The gridcells of a small grid: built once per size, named by their numbers, selection marked. */
  private labelCells(root: ParentNode, look: GridLook, changed: ReadonlyMap<PropertyKey, unknown>): void {
    const cells = root.querySelector<HTMLElement>('.cells');
    if (cells === null || look.rows * look.cols > DOM_CELL_LIMIT) {
      this.labels = null;
      return;
    }
    const fresh =
      this.labels === null || this.labels.size !== look.rows * look.cols || cells.childElementCount === 0;
    if (fresh) {
      this.labels = new CellLabels(cells);
      this.labels.build(look.rows, look.cols);
    }
    const labels = this.labels;
    if (labels === null) return;
    if (fresh || changed.has('values') || changed.has('decimals')) labels.label(look.values, look.decimals);
    if (fresh || changed.has('selection')) labels.select(selectedIndices(look));
    if (fresh || changed.has('marks')) labels.mark(look.marks);
  }
}

/** The part of a grid inside the viewport, in grid px; null when none of it is visible. */
function visiblePart(host: Element, look: GridLook): VisiblePart | null {
  const w = look.cols * look.cellWidth;
  const h = look.rows * look.cellHeight;
  // Without a viewport, a canvas of at most 4096 px a side: beyond that browsers refuse to allocate.
  if (look.viewport === null) return { left: 0, top: 0, width: Math.min(w, 4096), height: Math.min(h, 4096) };
  const box = host.getBoundingClientRect();
  const left = Math.max(0, look.viewport.left - box.left);
  const top = Math.max(0, look.viewport.top - box.top);
  const right = Math.min(w, look.viewport.right - box.left);
  const bottom = Math.min(h, look.viewport.bottom - box.top);
  if (right <= left || bottom <= top) return null;
  return { left, top, width: right - left, height: bottom - top };
}

function selectedIndices(look: GridLook): number[] {
  if (look.selection === null) return [];
  const r = rangeOf(look.selection);
  const out: number[] = [];
  for (let i = 0; i < r.rows && out.length < DOM_CELL_LIMIT; i++) {
    for (let j = 0; j < r.cols; j++) out.push((r.row + i) * look.cols + r.col + j);
  }
  return out;
}
