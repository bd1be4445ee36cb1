/**
 * Colour scales for painting grids. The scale itself (diverging and centred on zero, or the fast.ai
 * sheet's white-to-red) lives in the engine, so exported PNG heatmaps and the sheet use the same
 * colours; this adds lookup tables for painting many cells quickly.
 */
import { colourOf, cssColour, maxAbs, textColourOn, type ColourScaleName } from '../src-core/io/colour-scale';

export { colourOf, cssColour, maxAbs, textColourOn };
export type { ColourScaleName, Rgb } from '../src-core/io/colour-scale';

/** How many steps a lookup table has on each side of zero: finer than the eye can tell apart. */
const STEPS = 256;

/**
 * A scale precomputed for painting many cells: the fill and text colour of STEPS levels of |value|/limit
 * on each side of zero, so painting a 28 x 28 map builds no colour strings.
 */
export interface ColourTable {
  /** CSS fill of level i (0..2*STEPS): index STEPS is zero, below it negative, above it positive. */
  readonly fills: readonly string[];
  readonly texts: readonly string[];
  /** The same fills as RGBA bytes, for ImageData. */
  readonly bytes: Uint8ClampedArray;
}

const tables = new Map<ColourScaleName, ColourTable>();

export function colourTable(scale: ColourScaleName): ColourTable {
  let table = tables.get(scale);
  if (table !== undefined) return table;
  const fills: string[] = [];
  const texts: string[] = [];
  const bytes = new Uint8ClampedArray((2 * STEPS + 1) * 4);
  for (let i = 0; i <= 2 * STEPS; i++) {
    const c = colourOf((i - STEPS) / STEPS, 1, scale);
    fills.push(cssColour(c));
    texts.push(textColourOn(c));
    bytes.set([Math.round(c.r), Math.round(c.g), Math.round(c.b), 255], i * 4);
  }
  table = { fills, texts, bytes };
  tables.set(scale, table);
  return table;
}

/** The table level of `value` on a scale saturating at +-limit; -1 for a value that is not finite. */
export function colourLevel(value: number, limit: number): number {
  if (!Number.isFinite(value)) return -1;
  if (limit <= 0) return STEPS;
  const t = Math.max(-1, Math.min(1, value / limit));
  return STEPS + Math.round(t * STEPS);
}

/** Largest absolute finite value over several grids: the limit shared by a layer or the whole sheet. */
export function maxAbsOf(grids: Iterable<ArrayLike<number>>): number {
  let m = 0;
  for (const g of grids) m = Math.max(m, maxAbs(g));
  return m;
}
