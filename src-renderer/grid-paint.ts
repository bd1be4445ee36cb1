/**
 * How a grid draws. Its colours are a heatmap canvas, one pixel per cell scaled up, and its numbers and
 * marks are written on a second canvas over the part on screen. Measured in Chromium, a recompute that
 * changes 2,400 numbers cost about 40 ms of layout as DOM text (14 us per text node) against a few ms
 * drawn on canvases, and one image instead of thousands of element backgrounds paints far faster.
 * Small grids still have a DOM element per cell: the gridcells that assistive technology reads (their
 * accessible name is the number), that aria-activedescendant points at and tests query; they are
 * transparent and never laid out again when numbers change.
 */
import { formatCellNumber } from '../src-core/io/number-text';
import { colourTable, type ColourScaleName } from './colour';

/** Cells beyond this count are drawn as a heatmap: about 32 x 32 (DESIGN.md: DOM cost grows per cell). */
export const DOM_CELL_LIMIT = 1024;

/** Everything a painter needs to draw a grid's values. */
export interface PaintInput {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly decimals: number;
  /** False when zoomed out: colours only. */
  readonly numbers: boolean;
  readonly scale: ColourScaleName;
  /** Where the colour saturates. */
  readonly limit: number;
  readonly marks: Uint8Array | null;
}

/**
 * The gridcells of one grid, cell (r, c) with id `c{r}_{c}` for aria-activedescendant; each one's
 * accessible name is its number, updated only where the number changed.
 */
export class CellLabels {
  private cells: HTMLElement[] = [];
  private labels: string[] = [];
  private values = new Float64Array(0);
  private decimals = -1;

  constructor(private readonly host: HTMLElement) {}

  /** Builds rows x cols cells under the host (role row / gridcell), replacing any there were. */
  build(rows: number, cols: number): void {
    const fragment = document.createDocumentFragment();
    this.cells = [];
    for (let r = 0; r < rows; r++) {
      const row = document.createElement('div');
      row.setAttribute('role', 'row');
      row.setAttribute('aria-rowindex', String(r + 1));
      for (let c = 0; c < cols; c++) {
        const cell = document.createElement('div');
        cell.setAttribute('role', 'gridcell');
        cell.id = `c${r}_${c}`;
        cell.dataset.row = String(r);
        cell.dataset.col = String(c);
        row.append(cell);
        this.cells.push(cell);
      }
      fragment.append(row);
    }
    this.host.replaceChildren(fragment);
    this.labels = new Array<string>(rows * cols).fill('');
    this.values = new Float64Array(rows * cols).fill(Number.NaN);
  }

  get size(): number {
    return this.cells.length;
  }

  label(values: ArrayLike<number>, decimals: number): void {
    const n = Math.min(this.cells.length, values.length);
    const sameDecimals = decimals === this.decimals;
    this.decimals = decimals;
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? 0;
      if (sameDecimals && v === this.values[i]) continue;
      this.values[i] = v;
      const text = formatCellNumber(v, decimals);
      if (text === this.labels[i]) continue;
      this.labels[i] = text;
      this.cells[i]?.setAttribute('aria-label', text);
    }
  }

  /**
   * `data-mark` on marked cells (1 receptive field, 2 one layer back, 3 dependent): the outlines are
   * drawn on the overlay canvas; the attribute says the same to tests and tools.
   */
  mark(marks: Uint8Array | null): void {
    for (const cell of this.host.querySelectorAll('[data-mark]')) cell.removeAttribute('data-mark');
    if (marks === null) return;
    for (let i = 0; i < marks.length && i < this.cells.length; i++) {
      if (marks[i] !== 0) this.cells[i]?.setAttribute('data-mark', String(marks[i]));
    }
  }

  /** aria-selected on the cells of the selection, cleared elsewhere. */
  select(indices: readonly number[]): void {
    for (const cell of this.host.querySelectorAll('[aria-selected]')) cell.removeAttribute('aria-selected');
    for (const i of indices) this.cells[i]?.setAttribute('aria-selected', 'true');
  }
}

/** Geometry of the part of a heatmap that is on screen, in grid pixels (CSS px from its top-left). */
export interface VisiblePart {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Each scale's colours as 32-bit pixels (the table's RGBA bytes read as one word: any byte order). */
const pixelTables = new Map<ColourScaleName, Uint32Array>();
const NOT_FINITE = new Uint32Array(Uint8ClampedArray.of(120, 0, 120, 255).buffer)[0] ?? 0;
/**
 * One pixel buffer shared by every heatmap, grown to the largest: putImageData copies it, so nothing
 * needs to keep it, and a sheet of dozens of photo-sized maps keeps one buffer instead of one each.
 */
let pixels = new Uint32Array(0);

/**
 * Fills a rows x cols canvas, one pixel per cell, from the colour table. Levels are those of
 * colourLevel, computed inline and written a pixel at a time: a 512 x 512 map is 262,144 cells, and a
 * photo's sheet repaints twenty of them after an edit.
 */
export function paintHeatmap(canvas: HTMLCanvasElement, p: PaintInput): void {
  if (canvas.width !== p.cols) canvas.width = p.cols;
  if (canvas.height !== p.rows) canvas.height = p.rows;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  let table = pixelTables.get(p.scale);
  if (table === undefined) {
    table = new Uint32Array(Uint8ClampedArray.from(colourTable(p.scale).bytes).buffer);
    pixelTables.set(p.scale, table);
  }
  const steps = (table.length - 1) / 2;
  const n = p.rows * p.cols;
  if (pixels.length < n) pixels = new Uint32Array(n);
  const out = pixels;
  const { values, limit } = p;
  const zero = table[steps] ?? 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    // v - v is NaN for NaN and for either infinity: colourLevel's "not finite".
    if (v - v !== 0) out[i] = NOT_FINITE;
    else if (limit <= 0) out[i] = zero;
    else {
      const t = v / limit;
      out[i] = table[steps + Math.round((t > 1 ? 1 : t < -1 ? -1 : t) * steps)] ?? 0;
    }
  }
  ctx.putImageData(new ImageData(new Uint8ClampedArray(out.buffer, 0, n * 4), p.cols, p.rows), 0, 0);
}
