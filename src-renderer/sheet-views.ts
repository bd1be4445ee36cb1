/**
 * The values each grid shows, as views into the tensors, kept between renders so that a grid whose
 * numbers did not change receives the very same array and Lit skips it. Evaluation writes layer outputs
 * into the same buffers each time, so an output view is renewed when its layer's stamp changes (the
 * layer was recomputed); a workbook tensor is replaced on every edit, so its identity says it all.
 */
import { maxAbs } from './colour';

interface Entry {
  readonly base: ArrayLike<number>;
  readonly stamp: number;
  readonly view: Float64Array;
}

export class ViewCache {
  private entries = new Map<string, Entry>();
  private limits = new Map<string, { base: ArrayLike<number>; stamp: number; limit: number }>();
  private markViews = new Map<string, { base: Uint8Array; view: Uint8Array }>();

  /** data[offset .. offset + length) as a view, the same object while base and stamp are unchanged. */
  view(key: string, base: Float64Array, stamp: number, offset: number, length: number): Float64Array {
    const e = this.entries.get(key);
    if (e !== undefined && e.base === base && e.stamp === stamp && e.view.length === length) return e.view;
    const view = base.subarray(offset, offset + length);
    this.entries.set(key, { base, stamp, view });
    return view;
  }

  /** Largest |value| of a whole tensor (a layer's normalisation), recomputed only when it changes. */
  limit(key: string, base: ArrayLike<number>, stamp: number): number {
    const e = this.limits.get(key);
    if (e !== undefined && e.base === base && e.stamp === stamp) return e.limit;
    const limit = maxAbs(base);
    this.limits.set(key, { base, stamp, limit });
    return limit;
  }

  /** Marks sliced per grid, the same object while the marks of the layer are the same array. */
  marks(key: string, layerMarks: Uint8Array | undefined, offset: number, length: number): Uint8Array | null {
    if (layerMarks === undefined) return null;
    const e = this.markViews.get(key);
    if (e !== undefined && e.base === layerMarks && e.view.length === length) return e.view;
    const view = layerMarks.subarray(offset, offset + length);
    this.markViews.set(key, { base: layerMarks, view });
    return view;
  }
}
