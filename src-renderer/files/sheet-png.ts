/**
 * The sheet, or some of its blocks, as one PNG for slides: blocks left to right as the sheet lays
 * them out, each titled with its layer and shape, filters in rows with their bias, maps stacked, every
 * grid in the sheet's colours. Parameters (filters, biases, scores) show their numbers; maps show them
 * when their cells are large enough to read.
 *
 * The layout is worked out first (pure, testable); drawing it needs a 2-D canvas.
 */
import { formatCellNumber } from '../../src-core/io/number-text';
import { colourLevel, colourTable } from '../colour';
import type { BlockSpec, GridSpec } from '../sheet-model';
import type { ViewSettings } from '../view';

export interface SheetPngOptions {
  /** Pixels per cell of a map. */
  readonly cell: number;
}

/** Map cells at least this large carry their numbers. */
const NUMBERS_FROM = 24;
/** A parameter cell: room for "-0.76" at 11 px. */
const PARAM_CELL = { w: 46, h: 22 } as const;
const MARGIN = 24;
const BLOCK_GAP = 36;
const GRID_GAP = 10;
const CAPTION = 16;
/** Canvas limits every browser accepts. */
export const PNG_LIMITS = { side: 16_384, pixels: 100_000_000 } as const;

export interface PlacedGrid {
  readonly grid: GridSpec;
  readonly x: number;
  readonly y: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly numbers: boolean;
}

export interface PlacedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold: boolean;
}

export interface SheetLayout {
  readonly width: number;
  readonly height: number;
  readonly grids: readonly PlacedGrid[];
  readonly texts: readonly PlacedText[];
}

/** Parameter grids stay readable at any size, as on the sheet: they are few and small. */
function isSmall(g: GridSpec): boolean {
  return g.rows * g.cols <= 49 || (g.cols === 1 && g.rows <= 64);
}

/** A rough text width for layout (the drawing measures nothing): 0.6 em per character. */
function textWidth(text: string, size: number): number {
  return Math.ceil(text.length * size * 0.6);
}

export function layoutSheet(blocks: readonly BlockSpec[], options: SheetPngOptions): SheetLayout {
  const grids: PlacedGrid[] = [];
  const texts: PlacedText[] = [];
  let x = MARGIN;
  let bottom = MARGIN;
  const size = (g: GridSpec) => {
    const small = isSmall(g);
    const cellW = small ? PARAM_CELL.w : options.cell;
    const cellH = small ? PARAM_CELL.h : options.cell;
    return {
      cellW,
      cellH,
      numbers: small || options.cell >= NUMBERS_FROM,
      w: g.cols * cellW,
      h: g.rows * cellH,
    };
  };
  const place = (g: GridSpec, gx: number, gy: number): { w: number; h: number } => {
    const s = size(g);
    texts.push({ text: g.label, x: gx, y: gy + 12, size: 11, bold: false });
    grids.push({ grid: g, x: gx, y: gy + CAPTION, cellW: s.cellW, cellH: s.cellH, numbers: s.numbers });
    return { w: Math.max(s.w, textWidth(g.label, 11)), h: s.h + CAPTION };
  };
  for (const b of blocks) {
    let y = MARGIN;
    let width = Math.max(textWidth(b.title, 15), textWidth(b.shape, 12));
    texts.push({ text: b.title, x, y: y + 15, size: 15, bold: true });
    texts.push({ text: b.shape, x, y: y + 33, size: 12, bold: false });
    y += 46;
    for (const row of b.filters) {
      let rx = x;
      let rowH = 0;
      for (const g of [...row.slices, ...(row.bias === null ? [] : [row.bias])]) {
        const p = place(g, rx, y);
        rx += p.w + GRID_GAP;
        rowH = Math.max(rowH, p.h);
      }
      width = Math.max(width, rx - GRID_GAP - x);
      y += rowH + GRID_GAP;
    }
    if (b.filters.length > 0) y += GRID_GAP;
    for (const g of b.maps) {
      const p = place(g, x, y);
      width = Math.max(width, p.w);
      y += p.h + GRID_GAP;
    }
    bottom = Math.max(bottom, y);
    x += width + BLOCK_GAP;
  }
  return { width: Math.max(1, x - BLOCK_GAP + MARGIN), height: bottom + MARGIN - GRID_GAP, grids, texts };
}

/** Why a layout cannot be drawn (too large for a canvas), or null. */
export function layoutProblem(layout: SheetLayout): string | null {
  const { width, height } = layout;
  if (width <= PNG_LIMITS.side && height <= PNG_LIMITS.side && width * height <= PNG_LIMITS.pixels)
    return null;
  return `the picture would be ${width} x ${height} pixels, over the ${PNG_LIMITS.side} pixels a side (and ${PNG_LIMITS.pixels / 1_000_000} million in all) a browser can draw: choose fewer blocks or smaller cells`;
}

export interface GridPaint {
  readonly values: ArrayLike<number>;
  /** Where the colours saturate, as on the sheet. */
  readonly limit: number;
}

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Draws a layout; `paintOf` gives each grid's values and colour limit. */
export function drawSheet(
  context: Context2D,
  layout: SheetLayout,
  view: ViewSettings,
  paintOf: (g: GridSpec) => GridPaint,
): void {
  const table = colourTable(view.scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.width, layout.height);
  context.textBaseline = 'alphabetic';
  for (const t of layout.texts) {
    context.fillStyle = t.bold ? '#1a1a1a' : '#444444';
    context.font = `${t.bold ? '600 ' : ''}${t.size}px system-ui, sans-serif`;
    context.fillText(t.text, t.x, t.y);
  }
  for (const p of layout.grids) {
    const { values, limit } = paintOf(p.grid);
    const { rows, cols } = p.grid;
    context.font = `${Math.min(11, Math.round(p.cellH * 0.5))}px ui-monospace, monospace`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const v = values[r * cols + c] ?? 0;
        const level = colourLevel(v, limit);
        const x = p.x + c * p.cellW;
        const y = p.y + r * p.cellH;
        context.fillStyle = level < 0 ? 'rgb(120, 0, 120)' : (table.fills[level] ?? '#ffffff');
        context.fillRect(x, y, p.cellW, p.cellH);
        if (p.numbers) {
          context.fillStyle = level < 0 ? '#ffffff' : (table.texts[level] ?? '#1a1a1a');
          context.fillText(formatCellNumber(v, view.decimals), x + p.cellW / 2, y + p.cellH / 2 + 0.5);
        }
      }
    context.strokeStyle = '#9aa0a6';
    context.lineWidth = 1;
    context.strokeRect(p.x + 0.5, p.y + 0.5, cols * p.cellW - 1, rows * p.cellH - 1);
    context.textAlign = 'start';
    context.textBaseline = 'alphabetic';
  }
}

/** Draws a layout on an OffscreenCanvas and encodes it as PNG bytes. */
export async function sheetPng(
  layout: SheetLayout,
  view: ViewSettings,
  paintOf: (g: GridSpec) => GridPaint,
): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(layout.width, layout.height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser cannot draw on a canvas');
  drawSheet(context, layout, view, paintOf);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}
