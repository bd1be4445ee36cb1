/**
 * Reading a `*.lesson.json` file (format: docs/lessons.md) into a Lesson, checking every rule on the
 * way: the workbooks as workbook files are checked, each step's changes applied to the sheet as it
 * stands at that step, selected cells and quoted numbers inside the grids they name. Bad input never
 * throws: every problem comes back as an Issue naming its place (`steps[2].change[0].set.padding`).
 */
import { failure, setValues, type EditResult } from '../sheet/edit';
import { changeLayer } from '../sheet/edit-settings';
import { IssueList, showValue, type Result } from '../sheet/issues';
import { jsonSyntaxIssue } from '../sheet/json-syntax';
import { parseWorkbook } from '../sheet/read';
import { isObject, type JsonObject } from '../sheet/read-values';
import { resolveWorkbook } from '../sheet/shapes';
import type { Workbook } from '../sheet/types';
import { createRuns } from './lesson-learning';
import { SHAPE_PRESETS } from './shape-calculator';
import { shiftInput } from './translation';
import { readLearning, readPatch, readValues, type Reader } from './lesson-read-parts';
import {
  LESSON_FORMAT,
  LESSON_TOOLS,
  LESSON_VERSION,
  type Lesson,
  type LessonCell,
  type LessonChange,
  type LessonExpect,
  type LessonStep,
  type LessonTool,
} from './lesson-types';

const TOP_KEYS = ['format', 'version', 'id', 'title', 'summary', 'workbook', 'learning', 'steps'];
const STEP_KEYS = [
  'title',
  'text',
  'workbook',
  'change',
  'shift',
  'tool',
  'layer',
  'select',
  'preset',
  'expect',
];

/** Reads the text of a lesson file; `id` names it when the file gives none (a built-in's file name). */
export function readLesson(text: string, id?: string): Result<Lesson> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxIssue(body, String(error))], warnings: [] };
  }
  return parseLesson(json, id);
}

export function parseLesson(json: unknown, id?: string): Result<Lesson> {
  const issues = new IssueList();
  const r: Reader = { issues };
  if (!isObject(json)) {
    issues.error('', `a lesson is a JSON object {"format": "${LESSON_FORMAT}", "version": 1, ...}`);
    return issues.failure();
  }
  if (json.format !== LESSON_FORMAT || json.version !== LESSON_VERSION) {
    issues.error(
      'format',
      `this is not a ConvSheet lesson: it needs "format": "${LESSON_FORMAT}" and "version": ${LESSON_VERSION}`,
    );
    return issues.failure();
  }
  warnUnknown(json, TOP_KEYS, '', r);
  const title = readText(json, 'title', '', r, true);
  const summary = readText(json, 'summary', '', r, false);
  const workbook = readWorkbookAt(json.workbook, 'workbook', r);
  const learning = json.learning === undefined ? null : readLearning(json.learning, 'learning', r);
  if (!Array.isArray(json.steps) || json.steps.length === 0) {
    issues.error('steps', 'a lesson needs "steps": a list of at least one step');
    return issues.failure();
  }
  if (workbook === null) return issues.failure();
  const steps: LessonStep[] = [];
  const states: Workbook[] = [];
  let sheet = workbook;
  (json.steps as unknown[]).forEach((raw, i) => {
    const step = readStep(raw, `steps[${i}]`, r);
    if (step === null) return;
    const state = stateAfter(sheet, step, `steps[${i}]`, r);
    if (state === null) return;
    checkStepPlaces(step, state, `steps[${i}]`, r);
    sheet = state;
    steps.push(step);
    states.push(state);
  });
  if (learning !== null) {
    // The learn tool trains the sheet as it stands at its step: it must fit the examples there.
    steps.forEach((step, i) => {
      const state = states[i];
      if (step.tool !== 'learn' || state === undefined) return;
      const runs = createRuns(learning, state, 'the sheet');
      if (!runs.ok)
        for (const e of runs.errors) issues.error(`steps[${i}]`, `steps[${i}] (learn): ${e.message}`);
    });
  } else if (steps.some((s) => s.tool === 'learn')) {
    issues.error('learning', 'a step opens the learn tool, but the lesson has no "learning" block');
  }
  if (issues.errors.length > 0) return issues.failure();
  const ownId = typeof json.id === 'string' ? json.id : (id ?? slug(title));
  return issues.result({ id: ownId, title, summary, workbook, steps, learning, states });
}

/** The sheet after a step: its workbook (or the one before) with its changes applied in order. */
export function applyStep(before: Workbook, step: LessonStep): Result<Workbook> {
  let workbook = step.workbook ?? before;
  for (const c of step.changes) {
    const next = applyChange(workbook, c);
    if (!next.ok) return next;
    workbook = next.value;
  }
  if (step.shift !== null) {
    const moved = shiftInput(workbook, step.shift[0], step.shift[1]);
    if (!moved.ok) return moved;
    workbook = moved.value.workbook;
  }
  return { ok: true, value: workbook, warnings: [] };
}

function applyChange(before: Workbook, c: LessonChange): Result<Workbook> {
  let workbook = before;
  const steps: [string, () => EditResult][] = [];
  if (Object.keys(c.set).length > 0) steps.push(['set', () => changeLayer(workbook, c.layer, c.set)]);
  for (const [kind, values] of [
    ['weight', c.weight],
    ['bias', c.bias],
  ] as const) {
    if (values === null) continue;
    steps.push([
      kind,
      () => {
        const n = countOf(workbook, c.layer, kind);
        if (n !== values.length) {
          return failure(
            kind,
            `layers[${c.layer}] needs ${n} ${kind} values; the change gives ${values.length}`,
          );
        }
        const changes = Array.from(values, (value, index) => ({ index, value }));
        return setValues(workbook, { kind, layer: c.layer }, changes);
      },
    ]);
  }
  for (const [what, run] of steps) {
    let result: EditResult;
    try {
      result = run();
    } catch (error) {
      // A setting of the wrong kind (a word where a number goes) can trip the edit itself.
      result = failure(what, `layers[${c.layer}]: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!result.ok) return result;
    workbook = result.value.workbook;
  }
  return { ok: true, value: workbook, warnings: [] };
}

function countOf(workbook: Workbook, layer: number, kind: 'weight' | 'bias'): number {
  const l = workbook.layers[layer];
  if (l === undefined || (l.type !== 'conv2d' && l.type !== 'dense')) return -1;
  return (kind === 'weight' ? l.weight.data : l.bias.data)?.length ?? -1;
}

function stateAfter(before: Workbook, step: LessonStep, path: string, r: Reader): Workbook | null {
  const result = applyStep(before, step);
  if (result.ok) return result.value;
  for (const e of result.errors) r.issues.error(`${path}.change`, `${path}: ${e.message}`);
  return null;
}

function readStep(raw: unknown, path: string, r: Reader): LessonStep | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object {"title", "text", ...}; got ${showValue(raw)}`);
    return null;
  }
  warnUnknown(raw, STEP_KEYS, path, r);
  const title = readText(raw, 'title', path, r, true);
  const text = readText(raw, 'text', path, r, true);
  const workbook = raw.workbook === undefined ? null : readWorkbookAt(raw.workbook, `${path}.workbook`, r);
  const changes = readList(raw.change, `${path}.change`, r, readChange);
  let tool: LessonTool | null = null;
  if (raw.tool !== undefined) {
    if (LESSON_TOOLS.includes(raw.tool as LessonTool)) tool = raw.tool as LessonTool;
    else r.issues.error(`${path}.tool`, `${path}.tool must be one of ${LESSON_TOOLS.join(', ')}`);
  }
  const layer = raw.layer === undefined ? null : readIndex(raw.layer, `${path}.layer`, r, -1);
  const select = raw.select === undefined ? null : readCell(raw.select, `${path}.select`, r);
  const expect = readList(raw.expect, `${path}.expect`, r, readExpect);
  let shift: [number, number] | null = null;
  if (raw.shift !== undefined) {
    const s = raw.shift;
    if (Array.isArray(s) && s.length === 2 && s.every((v) => Number.isInteger(v)))
      shift = [s[0] as number, s[1] as number];
    else r.issues.error(`${path}.shift`, `${path}.shift must be [rows down, columns right], whole numbers`);
  }
  const preset = typeof raw.preset === 'string' ? raw.preset : null;
  if (raw.preset !== undefined && !SHAPE_PRESETS.some((p) => p.id === preset)) {
    r.issues.error(
      `${path}.preset`,
      `${path}.preset must be one of ${SHAPE_PRESETS.map((p) => p.id).join(', ')}`,
    );
  }
  if (changes === null || expect === null) return null;
  return { title, text, workbook, changes, shift, tool, layer, select, preset, expect };
}

function readChange(raw: unknown, path: string, r: Reader): LessonChange | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object {"layer", "set", "weight", "bias"}`);
    return null;
  }
  warnUnknown(raw, ['layer', 'set', 'weight', 'bias'], path, r);
  const layer = readIndex(raw.layer, `${path}.layer`, r, 0);
  const set = raw.set === undefined ? {} : readPatch(raw.set, `${path}.set`, r);
  const weight = raw.weight === undefined ? null : readValues(raw.weight, `${path}.weight`, r);
  const bias = raw.bias === undefined ? null : readValues(raw.bias, `${path}.bias`, r);
  return layer === null || set === null ? null : { layer, set, weight, bias };
}

function readCell(raw: unknown, path: string, r: Reader): LessonCell | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object {"layer", "channel", "row", "col"}`);
    return null;
  }
  warnUnknown(raw, ['layer', 'channel', 'row', 'col'], path, r);
  const layer = readIndex(raw.layer, `${path}.layer`, r, -1);
  const channel = raw.channel === undefined ? 0 : readIndex(raw.channel, `${path}.channel`, r, 0);
  const row = readIndex(raw.row, `${path}.row`, r, 0);
  const col = readIndex(raw.col, `${path}.col`, r, 0);
  if (layer === null || channel === null || row === null || col === null) return null;
  return { layer, channel, row, col };
}

function readExpect(raw: unknown, path: string, r: Reader): LessonExpect | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object {"layer", "channel", "values"}`);
    return null;
  }
  warnUnknown(raw, ['layer', 'channel', 'row', 'col', 'values'], path, r);
  const layer = readIndex(raw.layer, `${path}.layer`, r, -1);
  const optional = (key: string) =>
    raw[key] === undefined ? null : readIndex(raw[key], `${path}.${key}`, r, 0);
  const channel = optional('channel');
  const row = optional('row');
  const col = optional('col') ?? 0;
  const values = readValues(raw.values, `${path}.values`, r);
  if (layer === null || values === null || r.issues.errors.length > 0) return null;
  return { layer, channel: channel ?? (row === null ? null : 0), row, col, values: [...values] };
}

/** Cells and layers a step names must exist in the sheet as it stands at that step. */
function checkStepPlaces(step: LessonStep, sheet: Workbook, path: string, r: Reader): void {
  const resolved = resolveWorkbook(sheet);
  if (!resolved.ok) return;
  const layers = resolved.value.layers;
  const shapeOf = (layer: number) => (layer === -1 ? resolved.value.inputShape : layers[layer]?.outputShape);
  if (step.layer !== null && layers[step.layer] === undefined) {
    r.issues.error(`${path}.layer`, `${path}.layer: the sheet has no layers[${step.layer}] at this step`);
  }
  const s = step.select;
  if (s !== null) {
    const shape = shapeOf(s.layer);
    if (shape === undefined || s.channel >= shape[0] || s.row >= shape[1] || s.col >= shape[2]) {
      r.issues.error(`${path}.select`, `${path}.select: no such cell at this step`);
    }
  }
  step.expect.forEach((e, i) => {
    const shape = shapeOf(e.layer);
    const at = `${path}.expect[${i}]`;
    if (shape === undefined) {
      r.issues.error(at, `${at}: the sheet has no layers[${e.layer}] at this step`);
      return;
    }
    if (e.row !== null) {
      if ((e.channel ?? 0) >= shape[0] || e.row >= shape[1] || e.col + e.values.length > shape[2]) {
        r.issues.error(at, `${at}: ${e.values.length} values from column ${e.col} do not fit that row`);
      }
      return;
    }
    const n = e.channel === null ? shape[0] * shape[1] * shape[2] : shape[1] * shape[2];
    if ((e.channel !== null && e.channel >= shape[0]) || e.values.length !== n) {
      r.issues.error(
        at,
        `${at}: ${n} values expected for ${e.channel === null ? 'the output' : 'a channel'}`,
      );
    }
  });
}

function readWorkbookAt(raw: unknown, path: string, r: Reader): Workbook | null {
  const read = parseWorkbook(raw);
  if (read.ok) return read.value;
  for (const e of read.errors) r.issues.error(`${path}.${e.path}`, `${path}: ${e.message}`);
  return null;
}

function readText(o: JsonObject, key: string, path: string, r: Reader, required: boolean): string {
  const v = o[key];
  const at = path === '' ? key : `${path}.${key}`;
  // A long text may be a list of lines, which is easier to write in JSON than "\n".
  if (Array.isArray(v) && v.every((line) => typeof line === 'string')) return v.join('\n');
  if (typeof v === 'string') return v;
  if (v !== undefined || required) r.issues.error(at, `${at} must be text (or a list of lines)`);
  return '';
}

function readIndex(v: unknown, path: string, r: Reader, min: number): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
  r.issues.error(path, `${path} must be a whole number of at least ${min}; got ${showValue(v)}`);
  return null;
}

function readList<T>(
  v: unknown,
  path: string,
  r: Reader,
  each: (raw: unknown, path: string, r: Reader) => T | null,
): T[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    r.issues.error(path, `${path} must be a list`);
    return null;
  }
  const out = v.map((item, i) => each(item, `${path}[${i}]`, r));
  return out.every((x) => x !== null) ? out : null;
}

function warnUnknown(o: JsonObject, known: readonly string[], path: string, r: Reader): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key))
      r.issues.warn(path === '' ? key : `${path}.${key}`, `unknown key "${key}" is ignored`);
  }
}

/** "The lonely 1" -> "the-lonely-1". */
function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'lesson'
  );
}
