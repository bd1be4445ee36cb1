/**
 * The drawing pad's brush, as plain arithmetic on a row-major H x W array of values in [0, 1], so it can
 * be checked by hand. Positions are in cells: x across, y down; cell (i, j) covers [j, j + 1) x [i, i + 1)
 * and is sampled at its centre (j + 0.5, i + 0.5).
 *
 * The brush is soft and round, like the pen that drew MNIST's digits: ink 1 - (d / r)^2 at distance d
 * from the stroke, 0 from d = r on. A stroke leaves each cell the largest ink it has had (max), so
 * strokes saturate at 1 and never pass it. The eraser clears everything within r of its path (all a
 * stroke drawn along the same path inked) and fades out from r to 2r: it keeps at most 1 - ink of the
 * brush at d - r.
 */

/** Brush radius in cells: 2 on a 28-wide pad, as MNIST's strokes are; in proportion on others, never under 1. */
export function brushRadius(height: number, width: number): number {
  return Math.max(1, Math.max(height, width) / 14);
}

/** Ink of the brush at `distance` cells from its centre line: 1 - (distance / radius)^2, 0 from the radius on. */
export function brushInk(distance: number, radius: number): number {
  if (!(distance < radius)) return 0;
  const t = distance / radius;
  return 1 - t * t;
}

/** How much of a cell the eraser removes at `distance`: all of it within the radius, then the brush's fall-off. */
export function eraserStrength(distance: number, radius: number): number {
  return brushInk(Math.max(0, distance - radius), radius);
}

/** Distance from the point (px, py) to the segment from (ax, ay) to (bx, by); to the point a when a = b. */
export function segmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let t = length2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / length2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Draws (or erases) along the segment from (ax, ay) to (bx, by) onto `cells`: every cell within reach
 * of the segment, not only those near the two ends, so a fast stroke leaves no gap. Drawing keeps
 * max(cell, brushInk(d)); erasing keeps min(cell, 1 - eraserStrength(d)). Returns whether a cell changed.
 */
export function strokeSegment(
  cells: Float64Array,
  height: number,
  width: number,
  from: { readonly x: number; readonly y: number },
  to: { readonly x: number; readonly y: number },
  radius: number,
  erase: boolean,
): boolean {
  const reach = erase ? 2 * radius : radius;
  const top = Math.max(0, Math.floor(Math.min(from.y, to.y) - reach - 0.5));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(from.y, to.y) + reach - 0.5));
  const left = Math.max(0, Math.floor(Math.min(from.x, to.x) - reach - 0.5));
  const right = Math.min(width - 1, Math.ceil(Math.max(from.x, to.x) + reach - 0.5));
  let changed = false;
  for (let i = top; i <= bottom; i++) {
    for (let j = left; j <= right; j++) {
      const d = segmentDistance(j + 0.5, i + 0.5, from.x, from.y, to.x, to.y);
      const k = i * width + j;
      const old = cells[k] ?? 0;
      const next = erase ? Math.min(old, 1 - eraserStrength(d, radius)) : Math.max(old, brushInk(d, radius));
      if (next !== old) {
        cells[k] = next;
        changed = true;
      }
    }
  }
  return changed;
}

/** CSS pixels per cell: the pad's longest side 168 to 196 pixels, in whole pixels when that fits. */
export function cellPixels(height: number, width: number): number {
  const side = Math.max(1, height, width);
  const whole = Math.floor(196 / side);
  return whole >= 1 && side * whole >= 168 ? whole : 182 / side;
}
