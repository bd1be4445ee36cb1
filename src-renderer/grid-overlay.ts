/**
 * The numbers and marks of a grid, written on a canvas over the part of it on screen. Redrawing is
 * incremental: a cell is cleared and written again only when its text, ink or mark changed, so a
 * recompute that leaves most of a ReLU map at 0.00 rewrites only the cells that moved. Each distinct
 * text is rendered once into a bitmap and copied after that: copying pixels costs a fraction of laying
 * out a string with fillText.
 */
import { formatCellNumber } from '../src-core/io/number-text';
import { colourLevel, colourTable } from './colour';
import type { PaintInput, VisiblePart } from './grid-paint';

/** Marked regions: 1 receptive field, 2 one layer back (a thicker outline), 3 dependents. */
const MARK_STROKES = ['', 'rgba(230, 130, 0, 0.95)', 'rgba(225, 110, 0, 1)', 'rgba(20, 150, 70, 0.95)'];
const MARK_TINTS = ['', 'rgba(255, 160, 0, 0.14)', 'rgba(255, 150, 0, 0.2)', 'rgba(20, 170, 80, 0.1)'];

/**
 * A marked cell: a light tint, and an outline on each side where the neighbour is not marked the same,
 * so a receptive field reads as one box (as a spreadsheet's trace arrows box a range) rather than a
 * mesh of little squares.
 */
function drawMark(
  ctx: CanvasRenderingContext2D,
  p: PaintInput,
  r: number,
  c: number,
  mark: number,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const at = (rr: number, cc: number) =>
    rr < 0 || cc < 0 || rr >= p.rows || cc >= p.cols ? 0 : (p.marks?.[rr * p.cols + cc] ?? 0);
  ctx.fillStyle = MARK_TINTS[mark] ?? '';
  ctx.fillRect(x, y, w, h);
  const line = mark === 2 ? 2.5 : 2;
  ctx.fillStyle = MARK_STROKES[mark] ?? '';
  if (at(r - 1, c) !== mark) ctx.fillRect(x, y, w, line);
  if (at(r + 1, c) !== mark) ctx.fillRect(x, y + h - line, w, line);
  if (at(r, c - 1) !== mark) ctx.fillRect(x, y, line, h);
  if (at(r, c + 1) !== mark) ctx.fillRect(x + w - line, y, line, h);
}
const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace";

/**
 * Rendered texts shared by every grid, each an immutable bitmap of its own size: drawing from a bitmap
 * that never changes copies only its pixels (drawing from one canvas that keeps receiving new texts
 * makes the browser snapshot that whole canvas each time). A sheet shows a few thousand distinct
 * numbers; past STAMPS the least recently made are dropped.
 */
const STAMPS = 12000;
const stamps = new Map<string, ImageBitmap>();
let scratch: OffscreenCanvasRenderingContext2D | null = null;

function stamp(text: string, ink: string, fontPx: number): ImageBitmap | null {
  const key = `${fontPx}|${ink}|${text}`;
  const known = stamps.get(key);
  if (known !== undefined) return known;
  scratch ??= new OffscreenCanvas(1, 1).getContext('2d');
  if (scratch === null) return null;
  const font = `${fontPx}px ${FONT}`;
  scratch.font = font;
  const canvas = scratch.canvas;
  canvas.width = Math.max(1, Math.ceil(scratch.measureText(text).width) + 2);
  canvas.height = Math.max(1, Math.ceil(fontPx * 1.4));
  // Resizing resets the context's state.
  scratch.font = font;
  scratch.fillStyle = ink;
  scratch.textBaseline = 'middle';
  scratch.fillText(text, 1, canvas.height / 2);
  const bitmap = canvas.transferToImageBitmap();
  if (stamps.size >= STAMPS) {
    const oldest = stamps.keys().next().value;
    if (oldest !== undefined) {
      stamps.get(oldest)?.close();
      stamps.delete(oldest);
    }
  }
  stamps.set(key, bitmap);
  return bitmap;
}

interface Layout {
  readonly part: VisiblePart;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
  readonly dpr: number;
  readonly rows: number;
  readonly cols: number;
}

function sameLayout(a: Layout | null, b: Layout): boolean {
  return (
    a !== null &&
    a.part.left === b.part.left &&
    a.part.top === b.part.top &&
    a.part.width === b.part.width &&
    a.part.height === b.part.height &&
    a.cellWidth === b.cellWidth &&
    a.cellHeight === b.cellHeight &&
    a.fontSize === b.fontSize &&
    a.dpr === b.dpr &&
    a.rows === b.rows &&
    a.cols === b.cols
  );
}

/** The same cells, fonts and canvas size, so a move of the part on screen is a scroll. */
function sameGeometry(a: Layout, b: Layout): boolean {
  return (
    a.part.width === b.part.width &&
    a.part.height === b.part.height &&
    a.cellWidth === b.cellWidth &&
    a.cellHeight === b.cellHeight &&
    a.fontSize === b.fontSize &&
    a.dpr === b.dpr &&
    a.rows === b.rows &&
    a.cols === b.cols
  );
}

/** Rows [r0, r1) and columns [c0, c1) of a grid. */
interface CellWindow {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
}

/** The cells touching `part` (outer) or wholly inside it (inner). */
function cellsOf(part: VisiblePart, cellWidth: number, cellHeight: number, rows: number, cols: number) {
  const bottom = part.top + part.height;
  const right = part.left + part.width;
  const outer: CellWindow = {
    r0: Math.max(0, Math.floor(part.top / cellHeight)),
    r1: Math.min(rows, Math.ceil(bottom / cellHeight)),
    c0: Math.max(0, Math.floor(part.left / cellWidth)),
    c1: Math.min(cols, Math.ceil(right / cellWidth)),
  };
  const inner: CellWindow = {
    r0: Math.ceil(part.top / cellHeight),
    r1: Math.floor(bottom / cellHeight),
    c0: Math.ceil(part.left / cellWidth),
    c1: Math.floor(right / cellWidth),
  };
  return { outer, inner };
}

/**
 * What each cell of the window on the canvas shows, to skip cells that would be drawn the same. Kept
 * for the cells on screen only: a 1024 x 1024 map has a million cells, of which a window shows about a
 * thousand, and the window moves with every frame of a scroll.
 */
class DrawnCells {
  window: CellWindow = { r0: 0, r1: 0, c0: 0, c1: 0 };
  texts: string[] = [];
  inks: string[] = [];
  /** 255: not drawn since the window last moved, so the cell is drawn whatever it holds. */
  marks = new Uint8Array(0);
  /** The value each cell was drawn from: with the same settings and marks, the same cell. */
  values = new Float64Array(0);

  /** Index of cell (r, c) of the window. */
  at(r: number, c: number): number {
    return (r - this.window.r0) * (this.window.c1 - this.window.c0) + (c - this.window.c0);
  }

  /** A new window, remembering the cells of `keep` (still on the canvas, whole) and no others. */
  move(next: CellWindow, keep: CellWindow | null): void {
    const n = Math.max(0, (next.r1 - next.r0) * (next.c1 - next.c0));
    const old = {
      window: this.window,
      texts: this.texts,
      inks: this.inks,
      marks: this.marks,
      values: this.values,
    };
    this.window = next;
    this.texts = new Array<string>(n).fill('');
    this.inks = new Array<string>(n).fill('');
    this.marks = new Uint8Array(n).fill(255);
    this.values = new Float64Array(n).fill(Number.NaN);
    if (keep === null) return;
    const oldCols = old.window.c1 - old.window.c0;
    for (let r = Math.max(keep.r0, next.r0); r < Math.min(keep.r1, next.r1); r++) {
      for (let c = Math.max(keep.c0, next.c0); c < Math.min(keep.c1, next.c1); c++) {
        const from = (r - old.window.r0) * oldCols + (c - old.window.c0);
        const to = this.at(r, c);
        this.texts[to] = old.texts[from] ?? '';
        this.inks[to] = old.inks[from] ?? '';
        this.marks[to] = old.marks[from] ?? 255;
        this.values[to] = old.values[from] ?? Number.NaN;
      }
    }
  }
}

export class OverlayPainter {
  private layout: Layout | null = null;
  private cells = new DrawnCells();
  private drawnWith = '';
  private drawnMarks: Uint8Array | null = null;

  /**
   * Places the canvas over `part`. A scroll (the same part size, moved by whole device pixels) moves
   * the pixels still on screen with one copy of the canvas onto itself and keeps their cells, so a
   * frame of a scroll draws only the cells coming into view.
   */
  private place(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, layout: Layout): void {
    const { part, dpr } = layout;
    const old = this.layout;
    const { outer } = cellsOf(part, layout.cellWidth, layout.cellHeight, layout.rows, layout.cols);
    const dx = old === null ? Number.NaN : (old.part.left - part.left) * dpr;
    const dy = old === null ? Number.NaN : (old.part.top - part.top) * dpr;
    const scroll =
      old !== null &&
      sameGeometry(old, layout) &&
      Number.isInteger(dx) &&
      Number.isInteger(dy) &&
      Math.abs(dx) < canvas.width &&
      Math.abs(dy) < canvas.height;
    if (old !== null && scroll) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(canvas, dx, dy);
      ctx.globalCompositeOperation = 'source-over';
      // Cells cut by the old edge are drawn again whole: the part of them that was off the canvas is not on it.
      this.cells.move(outer, cellsOf(old.part, old.cellWidth, old.cellHeight, old.rows, old.cols).inner);
    } else {
      canvas.width = Math.max(1, Math.ceil(part.width * dpr));
      canvas.height = Math.max(1, Math.ceil(part.height * dpr));
      canvas.style.width = `${part.width}px`;
      canvas.style.height = `${part.height}px`;
      this.cells.move(outer, null);
    }
    canvas.style.left = `${part.left}px`;
    canvas.style.top = `${part.top}px`;
    this.layout = layout;
  }

  /** Redraws the cells of `part` whose text, ink or mark changed (all of them when the layout changed). */
  paint(
    canvas: HTMLCanvasElement,
    p: PaintInput,
    part: VisiblePart,
    cellWidth: number,
    cellHeight: number,
    fontSize: number,
  ): void {
    const dpr = globalThis.devicePixelRatio || 1;
    const layout: Layout = { part, cellWidth, cellHeight, fontSize, dpr, rows: p.rows, cols: p.cols };
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    if (!sameLayout(this.layout, layout)) this.place(canvas, ctx, layout);
    // Formatting costs more than comparing: while the settings hold, an unchanged value is skipped.
    const settings = `${p.numbers}|${p.decimals}|${p.limit}|${p.scale}`;
    const sameSettings = settings === this.drawnWith;
    this.drawnWith = settings;
    // A mark's outline depends on its neighbours' marks, so new marks redraw every cell.
    const sameMarks = p.marks === this.drawnMarks;
    this.drawnMarks = p.marks;
    ctx.setTransform(dpr, 0, 0, dpr, -part.left * dpr, -part.top * dpr);
    const { r0, r1, c0, c1 } = this.cells.window;
    const drawn = this.cells;
    const table = colourTable(p.scale);
    const fontPx = fontSize * dpr;
    const room = cellWidth - 5;
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        const i = r * p.cols + c;
        const j = drawn.at(r, c);
        const v = p.values[i] ?? 0;
        const mark = p.marks?.[i] ?? 0;
        if (sameMarks && sameSettings && v === drawn.values[j] && mark === drawn.marks[j]) continue;
        drawn.values[j] = v;
        let text = '';
        let ink = '';
        if (p.numbers) {
          const level = colourLevel(v, p.limit);
          text = formatCellNumber(v, p.decimals);
          ink = level < 0 ? '#fff' : (table.texts[level] ?? '#000');
        }
        if (sameMarks && text === drawn.texts[j] && ink === drawn.inks[j] && mark === drawn.marks[j])
          continue;
        drawn.texts[j] = text;
        drawn.inks[j] = ink;
        drawn.marks[j] = mark;
        const x = c * cellWidth;
        const y = r * cellHeight;
        ctx.clearRect(x, y, cellWidth, cellHeight);
        const s = text === '' ? null : stamp(text, ink, fontPx);
        if (s !== null) {
          const w = Math.min(s.width / dpr, room);
          const h = s.height / dpr;
          ctx.drawImage(s, x + cellWidth - 3 - w, y + (cellHeight - h) / 2, w, h);
        }
        if (mark !== 0) drawMark(ctx, p, r, c, mark, x, y, cellWidth, cellHeight);
      }
    }
  }
}
