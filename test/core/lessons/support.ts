import { readFileSync, readdirSync } from 'node:fs';
import { readLesson } from '../../../src-core/lessons/lesson-read';
import type { Lesson } from '../../../src-core/lessons/lesson-types';
import { evaluate, type Evaluation } from '../../../src-core/sheet/evaluate';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';

export const lessonsDir = new URL('../../../samples/lessons/', import.meta.url);

export const lessonFiles = readdirSync(lessonsDir).filter((f) => f.endsWith('.lesson.json'));

export function lessonText(id: string): string {
  return readFileSync(new URL(`${id}.lesson.json`, lessonsDir), 'utf8');
}

export function loadLesson(id: string): Lesson {
  const r = readLesson(lessonText(id), id);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

export function resolved(workbook: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(workbook);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

/** The sheet of lesson `id` at step `step` (0-based), resolved and evaluated. */
export function atStep(id: string, step: number): { resolved: ResolvedWorkbook; evaluation: Evaluation } {
  const state = loadLesson(id).states[step];
  if (state === undefined) throw new Error(`${id} has no step ${step}`);
  const r = resolved(state);
  return { resolved: r, evaluation: evaluate(r) };
}

/** Layer k's output at a step, as a plain array. */
export function outputAt(id: string, step: number, layer: number): number[] {
  const { evaluation } = atStep(id, step);
  const grid = layer === -1 ? evaluation.input : evaluation.outputs[layer];
  if (grid === undefined) throw new Error(`no layer ${layer}`);
  return Array.from(grid.data);
}
