/**
 * Checking a lesson's quoted numbers against the engine: every `expect` of every step, evaluated on
 * the sheet as it stands at that step. A built-in lesson must have none wrong (the tests say so); a
 * teacher's file that quotes a number the sheet does not compute gets a warning naming the step.
 * Quoted numbers are compared as the sheet shows them: to within half a unit of their second decimal.
 */
import { evaluate } from '../sheet/evaluate';
import { resolveWorkbook } from '../sheet/shapes';
import type { Shape3 } from '../sheet/types';
import type { Lesson, LessonExpect } from './lesson-types';

/** Quoted numbers are written to 2 decimals at most: this far apart still reads the same. */
export const QUOTE_TOLERANCE = 0.005 + 1e-9;

/** The flat indices (into the C x H x W grid) an expectation names, in the order of its values. */
export function expectedIndices(e: LessonExpect, shape: Shape3): number[] {
  const [, h, w] = shape;
  const row = e.row;
  if (row !== null) return e.values.map((_, k) => ((e.channel ?? 0) * h + row) * w + e.col + k);
  const start = e.channel === null ? 0 : e.channel * h * w;
  return e.values.map((_, k) => start + k);
}

export interface Mismatch {
  readonly step: number;
  readonly layer: number;
  readonly index: number;
  readonly quoted: number;
  readonly computed: number;
}

/** Every quoted number the engine does not reproduce, step by step (an empty list: all match). */
export function lessonMismatches(lesson: Lesson): Mismatch[] {
  const out: Mismatch[] = [];
  lesson.steps.forEach((step, s) => {
    const state = lesson.states[s];
    if (step.expect.length === 0 || state === undefined) return;
    const resolved = resolveWorkbook(state);
    if (!resolved.ok) return;
    const evaluation = evaluate(resolved.value);
    for (const e of step.expect) {
      const grid = e.layer === -1 ? evaluation.input : evaluation.outputs[e.layer];
      const shape = e.layer === -1 ? resolved.value.inputShape : resolved.value.layers[e.layer]?.outputShape;
      if (grid === undefined || shape === undefined) continue;
      expectedIndices(e, shape).forEach((index, k) => {
        const quoted = e.values[k] ?? Number.NaN;
        const computed = grid.data[index] ?? Number.NaN;
        if (!(Math.abs(quoted - computed) <= QUOTE_TOLERANCE))
          out.push({ step: s, layer: e.layer, index, quoted, computed });
      });
    }
  });
  return out;
}
