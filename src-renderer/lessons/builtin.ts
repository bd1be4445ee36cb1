/**
 * The lessons that come with ConvSheet: `samples/lessons/*.lesson.json`, bundled as text and read with
 * the same reader as a teacher's file, so a built-in lesson is exactly a file anyone could write.
 */
import { readLesson } from '../../src-core/lessons/lesson-read';
import type { Lesson } from '../../src-core/lessons/lesson-types';
import edgeDetection from '../../samples/lessons/edge-detection.lesson.json?raw';
import byHand from '../../samples/lessons/by-hand.lesson.json?raw';
import lonelyOne from '../../samples/lessons/lonely-one.lesson.json?raw';
import hiDot from '../../samples/lessons/hi-dot.lesson.json?raw';
import rgb from '../../samples/lessons/rgb.lesson.json?raw';
import pooling from '../../samples/lessons/pooling-translation.lesson.json?raw';
import receptive from '../../samples/lessons/receptive-fields.lesson.json?raw';
import counting from '../../samples/lessons/counting.lesson.json?raw';
import convVsDense from '../../samples/lessons/conv-vs-dense.lesson.json?raw';
import learningFilter from '../../samples/lessons/learning-a-filter.lesson.json?raw';
import dropout from '../../samples/lessons/dropout.lesson.json?raw';

/** In the order a course meets them. */
const FILES: readonly (readonly [string, string])[] = [
  ['edge-detection', edgeDetection],
  ['by-hand', byHand],
  ['lonely-one', lonelyOne],
  ['hi-dot', hiDot],
  ['rgb', rgb],
  ['pooling-translation', pooling],
  ['receptive-fields', receptive],
  ['counting', counting],
  ['conv-vs-dense', convVsDense],
  ['learning-a-filter', learningFilter],
  ['dropout', dropout],
];

export interface BuiltinLesson {
  readonly id: string;
  readonly title: string;
  /** Read on first use: the digit lessons carry a few thousand numbers each. */
  readonly load: () => Lesson;
}

function titleOf(text: string): string {
  const m = /"title":\s*"([^"]*)"/.exec(text);
  return m?.[1] ?? 'Lesson';
}

export const BUILTIN_LESSONS: readonly BuiltinLesson[] = FILES.map(([id, text]) => {
  let cached: Lesson | null = null;
  return {
    id,
    title: titleOf(text),
    load: () => {
      if (cached !== null) return cached;
      const r = readLesson(text, id);
      // The tests read every built-in lesson; a broken one is a bug, not a user's mistake.
      if (!r.ok) throw new Error(`built-in lesson ${id}: ${r.errors.map((e) => e.message).join('; ')}`);
      cached = r.value;
      return cached;
    },
  };
});
