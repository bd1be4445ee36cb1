/**
 * Values that overflow during evaluation. Nothing non-finite gets in (the readers and `setValues` refuse
 * NaN and infinities), but finite numbers can still overflow: 1e200 x 1e200 is Infinity in float64, and
 * Infinity x 0 or Infinity - Infinity is NaN. PyTorch keeps computing with such values and so does the
 * engine; this finds them, layer by layer, so that the sheet can mark the layer that produced them and
 * the command line can warn (JSON has no NaN or Infinity: `eval` writes them as null).
 */
import type { Evaluation } from './evaluate';
import { plural } from './issues';
import type { ResolvedWorkbook } from './shapes';

/** One output value, by its place in the layer's C x H x W output (all 0-based). */
export interface NonFiniteCell {
  readonly channel: number;
  readonly row: number;
  readonly column: number;
  /** Flat, row-major index into the output's data. */
  readonly index: number;
  /** NaN, Infinity or -Infinity. */
  readonly value: number;
}

/** A layer whose output holds values that are not finite numbers. */
export interface NonFiniteLayer {
  /** Position in `workbook.layers`. */
  readonly layer: number;
  readonly name: string;
  /** `layers[1] (conv2)`, as messages name a layer. */
  readonly label: string;
  /** Output values that are NaN, Infinity or -Infinity. */
  readonly count: number;
  /** The first of them in row-major order. */
  readonly first: NonFiniteCell;
  /**
   * True when this layer made them from finite values: the overflow happened here. False when its input
   * already held some, which it carried on (it may have made more besides).
   */
  readonly source: boolean;
}

/** Counts the non-finite values of `values` and finds the first; null when all are finite. */
function scan(values: Float64Array): { count: number; index: number } | null {
  let count = 0;
  let index = -1;
  for (let i = 0; i < values.length; i++) {
    // v - v is 0 for every finite v and NaN for NaN and both infinities: one test instead of two.
    const v = values[i] ?? 0;
    if (v - v !== 0) {
      if (count === 0) index = i;
      count++;
    }
  }
  return count === 0 ? null : { count, index };
}

/**
 * Every layer of `evaluation` whose output holds NaN or infinities, in layer order; [] when none does.
 * The scans `evaluate` made as it wrote each output say which are all finite (nearly always all of
 * them): only the others are read again, to find their first such value.
 */
export function nonFiniteLayers(resolved: ResolvedWorkbook, evaluation: Evaluation): NonFiniteLayer[] {
  const found: NonFiniteLayer[] = [];
  const inputScan = evaluation.inputScan;
  let inputFinite =
    inputScan === undefined ? scan(evaluation.input.data) === null : inputScan.nonFinite === 0;
  resolved.layers.forEach((r, k) => {
    const out = evaluation.outputs[k];
    const finite = evaluation.scans?.[k]?.nonFinite === 0;
    const hit = out === undefined || finite ? null : scan(out.data);
    if (out === undefined || hit === null) {
      inputFinite = true;
      return;
    }
    const [, h, w] = r.outputShape;
    const value = out.data[hit.index] ?? NaN;
    found.push({
      layer: k,
      name: r.layer.name,
      label: r.label,
      count: hit.count,
      first: {
        channel: Math.floor(hit.index / (h * w)),
        row: Math.floor(hit.index / w) % h,
        column: hit.index % w,
        index: hit.index,
        value,
      },
      source: inputFinite,
    });
    inputFinite = false;
  });
  return found;
}

/**
 * One line per layer that produced non-finite values, naming the layer, how many, the first cell (map,
 * row and column counted from 1, as the sheet shows them) and how many later layers carry them on.
 */
export function nonFiniteMessages(layers: readonly NonFiniteLayer[]): string[] {
  return layers.flatMap((l, i) => {
    if (!l.source) return [];
    let carried = 0;
    for (const next of layers.slice(i + 1)) {
      if (next.source) break;
      carried++;
    }
    const { channel, row, column, value } = l.first;
    const what = l.count === 1 ? 'value that is' : 'values that are';
    const later =
      carried === 0
        ? ''
        : `; ${plural(carried, 'later layer')} ${carried === 1 ? 'carries' : 'carry'} them on`;
    return [
      `${l.label} produced ${l.count} ${what} not finite (overflow): the first is ${String(value)} at ` +
        `map ${channel + 1}, row ${row + 1}, column ${column + 1}${later}`,
    ];
  });
}
