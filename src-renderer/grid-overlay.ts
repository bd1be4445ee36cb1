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

export class OverlayPainter {
  private layout: Layout | null = null;
  /** What each cell shows now, to skip cells that would be drawn the same. */
  private texts: string[] = [];
  private inks: string[] = [];
  private marks = new Uint8Array(0);
  /** The value each cell was drawn from, and the settings it was drawn with: same ones, same cell. */
  private values = new Float64Array(0);
  private drawnWith = '';
  private drawnMarks: Uint8Array | null = null;

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
    if (!sameLayout(this.layout, layout)) {
      canvas.width = Math.max(1, Math.ceil(part.width * dpr));
      canvas.height = Math.max(1, Math.ceil(part.height * dpr));
      canvas.style.left = `${part.left}px`;
      canvas.style.top = `${part.top}px`;
      canvas.style.width = `${part.width}px`;
      canvas.style.height = `${part.height}px`;
      this.layout = layout;
      this.texts = new Array<string>(p.rows * p.cols).fill('');
      this.inks = new Array<string>(p.rows * p.cols).fill('');
      // 255: no mark drawn yet, so every cell is drawn once after a layout change.
      this.marks = new Uint8Array(p.rows * p.cols).fill(255);
      this.values = new Float64Array(p.rows * p.cols).fill(Number.NaN);
    }
    // Formatting costs more than comparing: while the settings hold, an unchanged value is skipped.
    const settings = `${p.numbers}|${p.decimals}|${p.limit}|${p.scale}`;
    const sameSettings = settings === this.drawnWith;
    this.drawnWith = settings;
    // A mark's outline depends on its neighbours' marks, so new marks redraw every cell.
    const sameMarks = p.marks === this.drawnMarks;
    this.drawnMarks = p.marks;
    ctx.setTransform(dpr, 0, 0, dpr, -part.left * dpr, -part.top * dpr);
    const r0 = Math.max(0, Math.floor(part.top / cellHeight));
    const r1 = Math.min(p.rows, Math.ceil((part.top + part.height) / cellHeight));
    const c0 = Math.max(0, Math.floor(part.left / cellWidth));
    const c1 = Math.min(p.cols, Math.ceil((part.left + part.width) / cellWidth));
    const table = colourTable(p.scale);
    const fontPx = fontSize * dpr;
    const room = cellWidth - 5;
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        const i = r * p.cols + c;
        const v = p.values[i] ?? 0;
        const mark = p.marks?.[i] ?? 0;
        if (sameMarks && sameSettings && v === this.values[i] && mark === this.marks[i]) continue;
        this.values[i] = v;
        let text = '';
        let ink = '';
        if (p.numbers) {
          const level = colourLevel(v, p.limit);
          text = formatCellNumber(v, p.decimals);
          ink = level < 0 ? '#fff' : (table.texts[level] ?? '#000');
        }
        if (sameMarks && text === this.texts[i] && ink === this.inks[i] && mark === this.marks[i]) continue;
        this.texts[i] = text;
        this.inks[i] = ink;
        this.marks[i] = mark;
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
