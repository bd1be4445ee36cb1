/**
 * Watches the sheet for the input being shifted (by the translate tool, a lesson step, or undo) and
 * keeps what each layer did about it, so the translate tool can say "moved one cell right" or "same"
 * whichever way the shift came. Kept by the lesson panel, which sees every evaluation.
 */
import { compareMaps, detectShift, type MapChange } from '../../src-core/lessons/translation';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';

export interface ShiftReport {
  readonly dy: number;
  readonly dx: number;
  readonly layers: readonly { readonly name: string; readonly change: MapChange }[];
}

export class TranslationTracker {
  /** The input (never changed in place: every edit makes a new array) and copies of the outputs. */
  private last: { input: Float64Array; outputs: Float64Array[]; key: string } | null = null;
  /** What the last shift did, or null when the last change to the input was not a shift. */
  report: ShiftReport | null = null;

  /** Call with every new evaluation of the sheet. */
  observe(resolved: ResolvedWorkbook, evaluation: Evaluation): void {
    const input = evaluation.input.data;
    // Layers are compared one with one: after a change of structure there is nothing to compare.
    const key = [resolved.inputShape, ...resolved.layers.map((r) => [r.layer.name, ...r.outputShape])].join(
      '|',
    );
    const last = this.last;
    if (last === null || last.key !== key) {
      this.report = null;
    } else if (last.input !== input) {
      const shift = detectShift(last.input, input, resolved.inputShape);
      this.report = shift === null ? null : this.compare(resolved, evaluation, last.outputs, shift);
    }
    // Copies: the sheet reuses its output buffers from one evaluation to the next.
    this.last = { input, outputs: evaluation.outputs.map((o) => o.data.slice()), key };
  }

  private compare(
    resolved: ResolvedWorkbook,
    evaluation: Evaluation,
    before: readonly Float64Array[],
    [dy, dx]: [number, number],
  ): ShiftReport {
    return {
      dy,
      dx,
      layers: resolved.layers.map((r, k) => ({
        name: r.layer.name,
        change: compareMaps(
          before[k] ?? new Float64Array(),
          evaluation.outputs[k]?.data ?? new Float64Array(),
          r.outputShape,
          dy,
          dx,
        ),
      })),
    };
  }
}
