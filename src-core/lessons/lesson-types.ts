/**
 * A lesson: a workbook and a short guided text, step by step, as a `*.lesson.json` file that a teacher
 * can write and share (docs/lessons.md describes the format). A step can change the sheet (a whole new
 * workbook, or a layer's settings and values), select a cell, open one of the teaching tools on a
 * layer, and list the numbers its text quotes, which the tests check against the engine.
 */
import type { ExampleSet } from '../learn/example-set';
import type { LossName } from '../learn/losses';
import type { OptimizerSettings } from '../learn/optimizer';
import type { LayerPatch } from '../sheet/edit-settings';
import type { Workbook } from '../sheet/types';

export const LESSON_FORMAT = 'convsheet-lesson';
export const LESSON_VERSION = 1;

/**
 * The teaching tools a step can open in the lesson panel:
 *   window     the filter (or pooling window) sliding over its input, with the products and the sum;
 *   symbolic   the filter as letters and each output cell's formula in them;
 *   views      one step as a dot product of two flattened vectors, and the layer as patch matrix x filters;
 *   flip       cross-correlation against true convolution, the kernel rotated 180 degrees;
 *   counting   parameters, outputs, multiplications and memory per layer, and a shape calculator;
 *   receptive  the selected cell's region in every grid back to the input;
 *   translate  shift the input one cell and see what moves and what stays put;
 *   dropout    a dropout layer's training mask and its 1/(1-p) scaling;
 *   code       the sheet as PyTorch code, and one conv layer as F.conv2d;
 *   learn      train the sheet (and the lesson's rivals) on the lesson's examples.
 */
export const LESSON_TOOLS = [
  'window',
  'symbolic',
  'views',
  'flip',
  'counting',
  'receptive',
  'translate',
  'dropout',
  'code',
  'learn',
] as const;

export type LessonTool = (typeof LESSON_TOOLS)[number];

/** A cell of the sheet: layer -1 is the input; channel, row and column count from 0. */
export interface LessonCell {
  readonly layer: number;
  readonly channel: number;
  readonly row: number;
  readonly col: number;
}

/** A change a step makes to one layer: settings (as the layer panel changes them) and values. */
export interface LessonChange {
  readonly layer: number;
  readonly set: LayerPatch;
  /** Every weight of the layer, flat and row-major, or null to keep them. */
  readonly weight: Float64Array | null;
  /** Every bias of the layer, or null to keep them. */
  readonly bias: Float64Array | null;
}

/**
 * Numbers a step's text quotes: a layer's output, row-major: the whole output (no channel), one
 * channel, or, with `row`, consecutive cells of one row from `col` on.
 */
export interface LessonExpect {
  /** -1 for the input. */
  readonly layer: number;
  /** One channel, or null for the whole output. */
  readonly channel: number | null;
  /** One row of that channel (from column `col`), or null for the whole channel. */
  readonly row: number | null;
  readonly col: number;
  readonly values: readonly number[];
}

export interface LessonStep {
  readonly title: string;
  /** The guided text, in the Markdown subset of lesson-text.ts. */
  readonly text: string;
  /** A workbook that replaces the sheet when the step opens, or null. */
  readonly workbook: Workbook | null;
  /** Layer changes applied when the step opens, after `workbook`. */
  readonly changes: readonly LessonChange[];
  /** The tool the step opens, or null to leave the panel's tool as it is. */
  readonly tool: LessonTool | null;
  /** The layer the tool looks at, or null for the tool's own choice. */
  readonly layer: number | null;
  /** The input moved [rows down, columns right] when the step opens, after the changes (translation). */
  readonly shift: readonly [number, number] | null;
  /** A cell selected on the sheet when the step opens. */
  readonly select: LessonCell | null;
  /** The counting tool's shape preset to show (shape-calculator.ts SHAPE_PRESETS), or null. */
  readonly preset: string | null;
  readonly expect: readonly LessonExpect[];
}

/** A network trained beside the sheet's own, on the same examples (the "rival" of a comparison). */
export interface LessonRival {
  readonly title: string;
  readonly workbook: Workbook;
}

/** What the `learn` tool trains on, and how. */
export interface LessonLearning {
  readonly examples: ExampleSet;
  /** Held-out examples, measured but never learned from. */
  readonly test: ExampleSet | null;
  readonly loss: LossName;
  readonly optimizer: OptimizerSettings;
  readonly batch: number | 'all';
  /** Steps a full run takes. */
  readonly steps: number;
  /** Shuffles the batches when set. */
  readonly shuffleSeed: number | null;
  readonly rivals: readonly LessonRival[];
}

export interface Lesson {
  /** Stable name: the file name of a built-in lesson, or one made from the title. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences: what the lesson shows. */
  readonly summary: string;
  /** The sheet the lesson opens with. */
  readonly workbook: Workbook;
  readonly steps: readonly LessonStep[];
  readonly learning: LessonLearning | null;
  /** The sheet at each step: the opening workbook with every step's changes so far (worked out on reading). */
  readonly states: readonly Workbook[];
}
