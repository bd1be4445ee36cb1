/**
 * The numbers and marks of a grid, written on a canvas over the part of it on screen and a margin.
 * Redrawing is incremental: a cell is cleared and written again only when its text, ink or mark changed,
 * so a recompute that leaves most of a ReLU map at 0.00 rewrites only the cells that moved. Each
 * distinct text is a bitmap copied into its cell (grid-stamps.ts). The cells on screen are drawn first;
 * the margin can wait for idle time (drawRest).
 */
import { formatCellNumber } from '../src-core/io/number-text';
import { colourLevel, colourTable } from './colour';
import type { PaintInput, VisiblePart } from './grid-paint';
import { stamp, stampSet, type StampSet } from './grid-stamps';

/** Marked regions: 1 receptive field, 2 one layer back (a thicker outline), 3 dependents. */
const MARK_STROKES = ['', 'rgba(230, 130, 0, 0.95)', 'rgba(225, 110, 0, 1)', 'rgba(20, 150, 70, 0.95)'];
const MARK_TINTS = ['', 'rgba(255, 160, 0, 0.14)', 'rgba(255, 150, 0, 0.2)', 'rgba(20, 170, 80, 0.1)'];

/**
 * A marked cell: a light tint, and an outline on each side where the neighbour is not marked the same,
 * so a receptive field reads as one box (as a spreadsheet's trace arrows box a range) rather than a
 * mesh of little squares. The cell is at (x, y), w x h, in device pixels.
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
  dpr: number,
): void {
  const at = (rr: number, cc: number) =>
    rr < 0 || cc < 0 || rr >= p.rows || cc >= p.cols ? 0 : (p.marks?.[rr * p.cols + cc] ?? 0);
  ctx.fillStyle = MARK_TINTS[mark] ?? '';
  ctx.fillRect(x, y, w, h);
  const line = (mark === 2 ? 2.5 : 2) * dpr;
  ctx.fillStyle = MARK_STROKES[mark] ?? '';
  if (at(r - 1, c) !== mark) ctx.fillRect(x, y, w, line);
  if (at(r + 1, c) !== mark) ctx.fillRect(x, y + h - line, w, line);
  if (at(r, c - 1) !== mark) ctx.fillRect(x, y, line, h);
  if (at(r, c + 1) !== mark) ctx.fillRect(x + w - line, y, line, h);
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

/** DrawnCells' marks of a cell to draw whatever it holds: its pixels unknown, or known to be clear. */
const NOT_DRAWN = 255;
const BLANK = 254;

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
  /** The text and ink of each cell's value under the settings drawn with (whether drawn yet or not). */
  texts: string[] = [];
  inks: string[] = [];
  /**
   * The mark drawn in each cell, or NOT_DRAWN / BLANK: the cell is drawn whatever it holds, and when
   * BLANK, its pixels are known to be clear already.
   */
  marks = new Uint8Array(0);
  /** The value each cell's text and ink were made from. */
  values = new Float64Array(0);

  /** Index of cell (r, c) of the window. */
  at(r: number, c: number): number {
    return (r - this.window.r0) * (this.window.c1 - this.window.c0) + (c - this.window.c0);
  }

  /** Forgets what the cells outside `inside` show, so that each is drawn again whatever it holds. */
  forget(inside: CellWindow): void {
    const { r0, r1, c0, c1 } = this.window;
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        if (r >= inside.r0 && r < inside.r1 && c >= inside.c0 && c < inside.c1) continue;
        const j = this.at(r, c);
        if (this.marks[j] !== BLANK) this.marks[j] = NOT_DRAWN;
        this.values[j] = Number.NaN;
      }
    }
  }

  /**
   * A new window. The cells of `keep` are still on the canvas, whole; the others are to be drawn, on a
   * canvas that is clear (keep null: it was cleared) or not. Texts of the cells in both windows are
   * kept whatever moved: a zoom changes where a number is drawn, not which.
   */
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
    this.marks = new Uint8Array(n).fill(keep === null ? BLANK : NOT_DRAWN);
    this.values = new Float64Array(n).fill(Number.NaN);
    const both = intersect(old.window, next);
    const oldCols = old.window.c1 - old.window.c0;
    for (let r = both.r0; r < both.r1; r++) {
      for (let c = both.c0; c < both.c1; c++) {
        const from = (r - old.window.r0) * oldCols + (c - old.window.c0);
        const to = this.at(r, c);
        this.texts[to] = old.texts[from] ?? '';
        this.inks[to] = old.inks[from] ?? '';
        this.values[to] = old.values[from] ?? Number.NaN;
        const kept = keep !== null && r >= keep.r0 && r < keep.r1 && c >= keep.c0 && c < keep.c1;
        if (kept) this.marks[to] = old.marks[from] ?? NOT_DRAWN;
      }
    }
  }
}

/** What the last paint drew from, to draw the cells it left for later. */
interface LastPaint {
  readonly canvas: HTMLCanvasElement;
  readonly p: PaintInput;
  readonly part: VisiblePart;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
}

export class OverlayPainter {
  private layout: Layout | null = null;
  private cells = new DrawnCells();
  private drawnWith = '';
  private drawnMarks: Uint8Array | null = null;
  private last: LastPaint | null = null;
  /** Cells of the canvas are left to draw: the last paint drew only those on screen. */
  pending = false;

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
      const width = Math.max(1, Math.ceil(part.width * dpr));
      const height = Math.max(1, Math.ceil(part.height * dpr));
      if (canvas.width === width && canvas.height === height) {
        // A zoom usually keeps the canvas's size: clearing it costs less than a new backing store.
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, width, height);
      } else {
        canvas.width = width;
        canvas.height = height;
      }
      canvas.style.width = `${part.width}px`;
      canvas.style.height = `${part.height}px`;
      this.cells.move(outer, null);
    }
    canvas.style.left = `${part.left}px`;
    canvas.style.top = `${part.top}px`;
    this.layout = layout;
  }

  /**
   * Redraws the cells of `part` whose text, ink or mark changed (all of them when the layout changed).
   * With `now`, only the cells touching `now` (the part on screen) are drawn; the rest of the canvas is
   * left `pending`, for drawRest. A zoom draws every cell anew: drawing the screen's share of them keeps
   * its frame short.
   */
  paint(
    canvas: HTMLCanvasElement,
    p: PaintInput,
    part: VisiblePart,
    cellWidth: number,
    cellHeight: number,
    fontSize: number,
    now: VisiblePart | null = null,
  ): void {
    const dpr = globalThis.devicePixelRatio || 1;
    const layout: Layout = { part, cellWidth, cellHeight, fontSize, dpr, rows: p.rows, cols: p.cols };
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    if (!sameLayout(this.layout, layout)) this.place(canvas, ctx, layout);
    this.last = { canvas, p, part, cellWidth, cellHeight, fontSize };
    const all = this.cells.window;
    const first =
      now === null ? all : intersect(all, cellsOf(now, cellWidth, cellHeight, p.rows, p.cols).outer);
    this.pending = !sameWindow(first, all);
    this.drawCells(ctx, p, first, Number.POSITIVE_INFINITY);
  }

  /**
   * Draws up to `budget` of the cells the last paint left for later; true when none are left. Drawn
   * against the canvas's layout and the values of the last paint, so the canvas and what it records of
   * each cell stay in step whatever happened since.
   */
  drawRest(budget: number): boolean {
    const last = this.last;
    const ctx = last?.canvas.getContext('2d') ?? null;
    // A hidden canvas waits: the paint that shows it again draws what it needs.
    if (!this.pending || last === null || ctx === null || last.canvas.style.display === 'none') return true;
    this.pending = !this.drawCells(ctx, last.p, this.cells.window, budget);
    return !this.pending;
  }

  /** Draws the cells of `range` that changed, at most `budget` of them; true when it drew all it had to. */
  private drawCells(
    ctx: CanvasRenderingContext2D,
    p: PaintInput,
    range: CellWindow,
    budget: number,
  ): boolean {
    const last = this.last;
    const layout = this.layout;
    if (last === null || layout === null) return true;
    const { cellWidth, cellHeight, fontSize } = last;
    const dpr = layout.dpr;
    const settings = `${p.numbers}|${p.decimals}|${p.limit}|${p.scale}`;
    const sameSettings = settings === this.drawnWith;
    this.drawnWith = settings;
    // A mark's outline depends on its neighbours' marks, so new marks redraw every cell.
    const sameMarks = p.marks === this.drawnMarks;
    this.drawnMarks = p.marks;
    const drawn = this.cells;
    // Cells left undrawn under other settings or marks are drawn anew when their turn comes.
    if (!(sameSettings && sameMarks) && !sameWindow(range, drawn.window)) drawn.forget(range);
    // Drawn in the canvas's own pixels: a number then lands on whole pixels at its own size, which the
    // browser copies. Given a size, or a fractional place, drawImage resamples it: softer, and in
    // software 1.5 to 2 times the cost.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const { r0, r1, c0, c1 } = range;
    const table = colourTable(p.scale);
    const fontPx = fontSize * dpr;
    const room = (cellWidth - 5) * dpr;
    const cw = cellWidth * dpr;
    const ch = cellHeight * dpr;
    const right = (cellWidth - 3) * dpr;
    let left = budget;
    let smoothing = ctx.imageSmoothingEnabled;
    const sets = new Map<string, StampSet>();
    for (let r = r0; r < r1; r++) {
      if (left <= 0) return false;
      for (let c = c0; c < c1; c++) {
        const i = r * p.cols + c;
        const j = drawn.at(r, c);
        const v = p.values[i] ?? 0;
        const mark = p.marks?.[i] ?? 0;
        const was = drawn.marks[j];
        // Formatting costs more than comparing: while the settings hold, an unchanged value keeps its text.
        const known = sameSettings && v === drawn.values[j];
        if (known && sameMarks && mark === was) continue;
        let text = drawn.texts[j] ?? '';
        let ink = drawn.inks[j] ?? '';
        if (!known) {
          drawn.values[j] = v;
          const level = p.numbers ? colourLevel(v, p.limit) : 0;
          const nextText = p.numbers ? formatCellNumber(v, p.decimals) : '';
          const nextInk = !p.numbers ? '' : level < 0 ? '#fff' : (table.texts[level] ?? '#000');
          if (sameMarks && mark === was && nextText === text && nextInk === ink) continue;
          text = nextText;
          ink = nextInk;
          drawn.texts[j] = text;
          drawn.inks[j] = ink;
        }
        drawn.marks[j] = mark;
        left--;
        const x = (c * cellWidth - last.part.left) * dpr;
        const y = (r * cellHeight - last.part.top) * dpr;
        if (was !== BLANK) ctx.clearRect(x, y, cw, ch);
        let set = sets.get(ink);
        if (set === undefined) sets.set(ink, (set = stampSet(fontPx, ink)));
        const s = text === '' ? null : stamp(set, text, ink, fontPx);
        if (s !== null) {
          const top = Math.round(y + (ch - s.height) / 2);
          // Right-aligned; a number wider than its cell is squeezed into it.
          const squeeze = s.width > room;
          if (squeeze !== smoothing) ctx.imageSmoothingEnabled = smoothing = squeeze;
          if (squeeze) ctx.drawImage(s, Math.round(x + right - room), top, room, s.height);
          else ctx.drawImage(s, Math.round(x + right) - s.width, top);
        }
        if (mark !== 0) drawMark(ctx, p, r, c, mark, x, y, cw, ch, dpr);
      }
    }
    return true;
  }
}

function sameWindow(a: CellWindow, b: CellWindow): boolean {
  return a.r0 === b.r0 && a.r1 === b.r1 && a.c0 === b.c0 && a.c1 === b.c1;
}

function intersect(a: CellWindow, b: CellWindow): CellWindow {
  const r0 = Math.max(a.r0, b.r0);
  const c0 = Math.max(a.c0, b.c0);
  return { r0, r1: Math.max(r0, Math.min(a.r1, b.r1)), c0, c1: Math.max(c0, Math.min(a.c1, b.c1)) };
}
