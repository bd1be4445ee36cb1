/**
 * Small grids for the lesson panel: a few dozen cells drawn as DOM cells coloured on the sheet's
 * diverging scale, with their numbers when there is room. Each cell can carry classes (a padding cell,
 * a cell under the window, the winner of a max pool, an output not computed yet) that the panel's
 * styles draw as outlines, so the window reads at a glance as it does on a slide.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCellNumber } from '../../src-core/io/number-text';
import { colourOf, cssColour, maxAbs, textColourOn } from '../colour';

export interface MiniGridOptions {
  /** Accessible name and caption. */
  readonly label: string;
  /** Largest cell width in px; cells shrink to keep the grid within `maxWidth`. */
  readonly cell?: number;
  readonly maxWidth?: number;
  /** Decimals of the numbers shown. */
  readonly decimals?: number;
  /** Where the colours saturate (default: the grid's own largest |value|). */
  readonly limit?: number;
  /** Space-separated classes of cell k: pad, window, winner, current, pending. */
  readonly classes?: (k: number) => string;
  /** The text of cell k instead of its number (a letter, a blank for pending cells). */
  readonly text?: (k: number) => string | null;
  /** Hide the caption. */
  readonly bare?: boolean;
}

/** Below this width a cell shows its colour only. */
const NUMBER_WIDTH = 22;

export function miniGrid(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  o: MiniGridOptions,
): TemplateResult {
  const size = Math.max(4, Math.min(o.cell ?? 30, Math.floor((o.maxWidth ?? 360) / Math.max(cols, 1))));
  const numbers = size >= NUMBER_WIDTH;
  const limit = o.limit ?? maxAbs(values);
  const decimals = o.decimals ?? 2;
  const cells: TemplateResult[] = [];
  for (let k = 0; k < rows * cols; k++) {
    const v = values[k] ?? 0;
    const fill = colourOf(v, limit, 'diverging');
    const custom = o.text?.(k) ?? null;
    const shown = custom ?? (numbers ? formatCellNumber(v, Number.isInteger(v) ? 0 : decimals) : '');
    const classes = o.classes?.(k) ?? '';
    const pending = classes.includes('pending');
    cells.push(
      html`<span
        class="cell ${classes}"
        role="gridcell"
        aria-label=${pending ? 'not computed yet' : (custom ?? formatCellNumber(v, decimals))}
        style=${pending ? '' : `background:${cssColour(fill)};color:${textColourOn(fill)}`}
        >${pending ? '' : shown}</span
      >`,
    );
  }
  const style = `grid-template-columns:repeat(${cols},${size}px);grid-auto-rows:${Math.max(size * 0.7, 4)}px;font-size:${Math.min(11, Math.max(8, size / 3))}px`;
  return html`<figure class="mini">
    ${o.bare === true ? nothing : html`<figcaption>${o.label}</figcaption>`}
    <div class="mini-grid" role="grid" aria-label=${o.label} style=${style}>${cells}</div>
  </figure>`;
}

/** A number as the panel writes it in sums: integers plain, others to `decimals` places. */
export function num(v: number, decimals = 2): string {
  return formatCellNumber(v, Number.isInteger(v) ? 0 : decimals);
}
