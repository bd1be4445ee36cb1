/**
 * Colour scales for grids of numbers. The default is diverging and centred on zero (blue for negative,
 * white for zero, red for positive), as CNN Explainer draws signed values; `fastai` is the fast.ai
 * sheet's white-to-red scale for values that are mostly non-negative.
 */

export type ColourScaleName = 'diverging' | 'fastai';

/** An sRGB colour, each channel 0..255. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

const white: Rgb = { r: 255, g: 255, b: 255 };
const negative: Rgb = { r: 33, g: 102, b: 172 };
const positive: Rgb = { r: 178, g: 24, b: 43 };
const fastaiRed: Rgb = { r: 230, g: 60, b: 50 };

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t };
}

/**
 * Colour of `value` on a scale whose extremes are +-`limit` (diverging) or 0..`limit` (fastai).
 * A limit of 0 (an all-zero grid) gives white; values past the limit saturate.
 */
export function colourOf(value: number, limit: number, scale: ColourScaleName): Rgb {
  if (!Number.isFinite(value)) return { r: 120, g: 0, b: 120 };
  if (limit <= 0) return white;
  const t = Math.min(1, Math.abs(value) / limit);
  if (scale === 'fastai') return value <= 0 ? white : mix(white, fastaiRed, t);
  return mix(white, value < 0 ? negative : positive, t);
}

/** CSS `rgb()` text of a colour. */
export function cssColour(c: Rgb): string {
  return `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
}

/** Text drawn on a cell stays readable: white on dark fills, near-black on light ones (relative luminance). */
export function textColourOn(c: Rgb): string {
  const luminance = (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255;
  return luminance < 0.55 ? '#ffffff' : '#1a1a1a';
}

/** Largest absolute finite value: the limit that normalises a grid on its own. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i] ?? 0);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m;
}

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
