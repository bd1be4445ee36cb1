import { describe, expect, it } from 'vitest';
import {
  brushInk,
  brushRadius,
  cellPixels,
  eraserStrength,
  segmentDistance,
  strokeSegment,
} from '../../src-renderer/learn/draw-pad-brush';

// The drawing pad's brush by hand: ink 1 - (d / r)^2 within r of the stroke, the eraser clearing all
// within r and fading out to 2r. Cell (i, j) is sampled at its centre (j + 0.5, i + 0.5).

/** The 7 x 7 cells as rows of numbers rounded to 4 decimals, to compare with a table written by hand. */
function rows(cells: Float64Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < cells.length / width; i++) {
    out.push([...cells.subarray(i * width, (i + 1) * width)].map((v) => Math.round(v * 1e4) / 1e4));
  }
  return out;
}

describe('the draw pad brush', () => {
  it('has a radius of 2 cells on a 28-wide pad, in proportion elsewhere, never under 1', () => {
    expect(brushRadius(28, 28)).toBe(2);
    expect(brushRadius(28, 14)).toBe(2);
    expect(brushRadius(64, 64)).toBeCloseTo(64 / 14, 12);
    expect(brushRadius(20, 20)).toBeCloseTo(20 / 14, 12);
    expect(brushRadius(10, 10)).toBe(1);
    expect(brushRadius(1, 1)).toBe(1);
  });

  it('inks 1 - (d / r)^2: 1 at the centre, soft to 0 at the radius', () => {
    expect(brushInk(0, 2)).toBe(1);
    expect(brushInk(0.5, 2)).toBe(0.9375);
    expect(brushInk(1, 2)).toBe(0.75);
    expect(brushInk(1.5, 2)).toBe(0.4375);
    expect(brushInk(2, 2)).toBe(0);
    expect(brushInk(3, 2)).toBe(0);
    expect(brushInk(Number.NaN, 2)).toBe(0);
  });

  it('erases everything within the radius, then fades out by the brush over one more radius', () => {
    expect(eraserStrength(0, 2)).toBe(1);
    expect(eraserStrength(2, 2)).toBe(1);
    expect(eraserStrength(3, 2)).toBe(0.75);
    expect(eraserStrength(4, 2)).toBe(0);
  });

  it('measures distance to a segment, to its nearer end past either end', () => {
    expect(segmentDistance(1, 1, 0, 0, 2, 0)).toBe(1);
    expect(segmentDistance(5, 0, 0, 0, 2, 0)).toBe(3);
    expect(segmentDistance(-3, 4, 0, 0, 2, 0)).toBe(5);
    expect(segmentDistance(3, 4, 0, 0, 0, 0)).toBe(5);
  });

  it('draws a horizontal stroke through cell centres: 1 on the line, 0.75 beside it, 0.5 at the corners', () => {
    const cells = new Float64Array(49);
    const changed = strokeSegment(cells, 7, 7, { x: 1.5, y: 3.5 }, { x: 5.5, y: 3.5 }, 2, false);
    expect(changed).toBe(true);
    // Row 3 is on the line (d = 0, ends 1 cell past: d = 1); rows 2 and 4 are 1 away; the corner
    // cells (2, 0) etc. are sqrt(2) from the ends: 1 - 2 / 4 = 0.5; rows 1 and 5 are 2 away: 0.
    expect(rows(cells, 7)).toEqual([
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0.5, 0.75, 0.75, 0.75, 0.75, 0.75, 0.5],
      [0.75, 1, 1, 1, 1, 1, 0.75],
      [0.5, 0.75, 0.75, 0.75, 0.75, 0.75, 0.5],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('keeps the larger ink where strokes cross, so nothing passes 1', () => {
    const cells = new Float64Array(49);
    strokeSegment(cells, 7, 7, { x: 1.5, y: 3.5 }, { x: 5.5, y: 3.5 }, 2, false);
    strokeSegment(cells, 7, 7, { x: 3.5, y: 1.5 }, { x: 3.5, y: 5.5 }, 2, false);
    expect(cells[3 * 7 + 3]).toBe(1);
    // (2, 2): 0.75 from either stroke, not 1.5 nor 1.
    expect(cells[2 * 7 + 2]).toBe(0.75);
    expect(Math.max(...cells)).toBe(1);
    expect(Math.min(...cells)).toBe(0);
    // A stroke over the same path again changes nothing.
    expect(strokeSegment(cells, 7, 7, { x: 1.5, y: 3.5 }, { x: 5.5, y: 3.5 }, 2, false)).toBe(false);
  });

  it('leaves no gap along a long segment, and skips cells off the pad', () => {
    const cells = new Float64Array(28 * 28);
    strokeSegment(cells, 28, 28, { x: -5, y: -5 }, { x: 40, y: 40 }, 2, false);
    for (let i = 0; i < 28; i++) expect(cells[i * 28 + i]).toBe(1);
    expect(cells[27]).toBe(0);
    expect(cells.length).toBe(784);
  });

  it('erases a dot: 0 within 2 cells of it, 1 - eraser strength a little further', () => {
    const cells = new Float64Array(49).fill(1);
    strokeSegment(cells, 7, 7, { x: 3.5, y: 3.5 }, { x: 3.5, y: 3.5 }, 2, true);
    expect(cells[3 * 7 + 3]).toBe(0);
    expect(cells[1 * 7 + 3]).toBe(0); // 2 away
    // (2, 1) is sqrt(5) away: keeps ((sqrt(5) - 2) / 2)^2 = 0.013932.
    expect(cells[2 * 7 + 1]).toBeCloseTo(((Math.sqrt(5) - 2) / 2) ** 2, 12);
    expect(cells[2 * 7 + 1]).toBeCloseTo(0.013932, 6);
    // (0, 3) is 3 away: keeps 1 - 0.75.
    expect(cells[0 * 7 + 3]).toBe(0.25);
    // (0, 0) is sqrt(18) = 4.24 away, past 2 radii: untouched.
    expect(cells[0]).toBe(1);
  });

  it('sizes cells so the longest side is 168 to 196 CSS pixels, whole pixels when they fit', () => {
    expect(cellPixels(28, 28)).toBe(7);
    expect(cellPixels(20, 20)).toBe(9);
    expect(cellPixels(10, 10)).toBe(19);
    expect(cellPixels(64, 64)).toBe(3);
    expect(cellPixels(1, 1)).toBe(196);
    expect(cellPixels(50, 20) * 50).toBeCloseTo(182, 9);
    for (let n = 1; n <= 64; n++) {
      const longest = n * cellPixels(n, 1);
      expect(longest).toBeGreaterThanOrEqual(168);
      expect(longest).toBeLessThanOrEqual(196);
    }
  });
});
