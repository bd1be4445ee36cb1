/**
 * Colour scales for grids of numbers, shared by the sheet (src-renderer) and by image export (PNG
 * heatmaps), so a map exported as a PNG has the colours the sheet shows. This is the single source of
 * the maths; it was copied from src-renderer/colour.ts, which should import it from here.
 *
 * The default is diverging and centred on zero (blue for negative,
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

/** The end and middle colours of the scales, for other renderings of them (xlsx colour scales). */
export const SCALE_COLOURS = { white, negative, positive, fastaiRed } as const;
