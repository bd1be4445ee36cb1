/**
 * Translation: the input shifted by whole cells (what enters at the border is 0, what leaves is gone),
 * as an ordinary undoable edit, and a comparison of every layer's output before and after: a conv map
 * moves with its input, a max pool's output may stay exactly as it was.
 */
import { setValues, type EditResult } from '../sheet/edit';
import type { Shape3, Workbook } from '../sheet/types';

/** The input moved `dy` rows down and `dx` columns right (negative: up, left), every channel alike. */
export function shiftInput(workbook: Workbook, dy: number, dx: number): EditResult {
  const [c, h, w] = workbook.input.shape;
  const old = workbook.input.data ?? new Float64Array(c * h * w);
  const changes: { index: number; value: number }[] = [];
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const sy = y - dy;
        const sx = x - dx;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        const index = (ch * h + y) * w + x;
        changes.push({ index, value: inside ? (old[(ch * h + sy) * w + sx] ?? 0) : 0 });
      }
    }
  }
  return setValues(workbook, { kind: 'input' }, changes, `input shifted ${shiftText(dy, dx)}`);
}

/** "one cell right", "2 cells up", "one cell down and one cell left". */
export function shiftText(dy: number, dx: number): string {
  const part = (n: number, plus: string, minus: string) =>
    n === 0 ? null : `${Math.abs(n) === 1 ? 'one cell' : `${Math.abs(n)} cells`} ${n > 0 ? plus : minus}`;
  return (
    [part(dy, 'down', 'up'), part(dx, 'right', 'left')].filter((p) => p !== null).join(' and ') ||
    'by nothing'
  );
}

export type MapChange =
  /** Every value as it was. */
  | { readonly kind: 'same' }
  /** Every value that has a source moved by (dy, dx) with the input: the map followed the shift. */
  | { readonly kind: 'moved'; readonly dy: number; readonly dx: number }
  /** Neither: how many values differ. */
  | { readonly kind: 'changed'; readonly cells: number; readonly of: number };

/**
 * How a C x H x W grid changed between `before` and `after`, given that its input moved by (dy, dx):
 * the same, moved by the same number of cells (a map of a stride-1 layer), by half as many (after a
 * 2 x 2 pool), ..., or changed otherwise. A move is checked where the moved-from cell exists.
 */
export function compareMaps(
  before: Float64Array,
  after: Float64Array,
  shape: Shape3,
  dy: number,
  dx: number,
  tolerance = 1e-9,
): MapChange {
  const differs = (a: number, b: number) => Math.abs(a - b) > tolerance;
  let changed = 0;
  for (let k = 0; k < before.length; k++) if (differs(before[k] ?? 0, after[k] ?? 0)) changed++;
  if (changed === 0) return { kind: 'same' };
  const [c, h, w] = shape;
  for (const divisor of [1, 2, 3, 4]) {
    if (dy % divisor !== 0 || dx % divisor !== 0) continue;
    const my = dy / divisor;
    const mx = dx / divisor;
    let moved = true;
    for (let ch = 0; ch < c && moved; ch++) {
      for (let y = 0; y < h && moved; y++) {
        for (let x = 0; x < w && moved; x++) {
          const sy = y - my;
          const sx = x - mx;
          if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
          if (differs(after[(ch * h + y) * w + x] ?? 0, before[(ch * h + sy) * w + sx] ?? 0)) moved = false;
        }
      }
    }
    if (moved) return { kind: 'moved', dy: my, dx: mx };
  }
  return { kind: 'changed', cells: changed, of: before.length };
}

/**
 * The whole-cell shift (up to `reach` cells each way) that turns `before` into `after`, checked on every
 * cell that has a source; null when no shift does (the input was edited some other way) or nothing moved.
 */
export function detectShift(
  before: Float64Array,
  after: Float64Array,
  shape: Shape3,
  reach = 3,
): [number, number] | null {
  if (before.length !== after.length) return null;
  let best: [number, number] | null = null;
  let bestDistance = Infinity;
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      if ((dy === 0 && dx === 0) || Math.abs(dy) + Math.abs(dx) >= bestDistance) continue;
      const [c, h, w] = shape;
      let fits = true;
      // The vacated border must be zeros, as shiftInput leaves it, and the rest the old values moved.
      for (let k = 0; k < after.length && fits; k++) {
        const x = k % w;
        const y = Math.floor(k / w) % h;
        const ch = Math.floor(k / (w * h));
        const sy = y - dy;
        const sx = x - dx;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w && ch < c;
        const expected = inside ? (before[(ch * h + sy) * w + sx] ?? 0) : 0;
        if (expected !== after[k]) fits = false;
      }
      if (fits) {
        best = [dy, dx];
        bestDistance = Math.abs(dy) + Math.abs(dx);
      }
    }
  }
  return best;
}
