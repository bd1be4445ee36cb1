/**
 * The parts of a lesson file with rules of their own: a layer-settings patch (the settings the layer
 * panel changes, with the same names), lists of numbers, and the learning block (examples in the
 * example-set format, loss, optimizer, rivals).
 */
import { parseExamples, type ExampleSet } from '../learn/example-set';
import { LOSS_NAMES, type LossName } from '../learn/losses';
import { checkOptimizerSettings, type OptimizerSettings } from '../learn/optimizer';
import type { LayerPatch } from '../sheet/edit-settings';
import { showValue, type IssueList } from '../sheet/issues';
import { parseWorkbook } from '../sheet/read';
import { isObject } from '../sheet/read-values';
import { LAYER_TYPES } from '../sheet/types';
import type { LessonLearning, LessonRival } from './lesson-types';

export interface Reader {
  readonly issues: IssueList;
}

type Check = (v: unknown) => boolean;

const int = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const intOrPair = (v: unknown): boolean => int(v) || (Array.isArray(v) && v.length === 2 && v.every(int));
const bool = (v: unknown): boolean => typeof v === 'boolean';
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** Each patch key and the kind of value it takes; whether the value suits the layer is the edit's rule. */
const PATCH_KEYS: Readonly<Record<keyof LayerPatch, readonly [Check, string]>> = {
  name: [(v) => typeof v === 'string', 'text'],
  type: [(v) => LAYER_TYPES.includes(v as never), `one of ${LAYER_TYPES.join(', ')}`],
  filters: [int, 'a whole number'],
  outputs: [int, 'a whole number'],
  kernel: [intOrPair, 'a whole number or a pair'],
  size: [intOrPair, 'a whole number or a pair'],
  dilation: [intOrPair, 'a whole number or a pair'],
  stride: [(v) => v === null || intOrPair(v), 'a whole number, a pair or null'],
  padding: [
    (v) => intOrPair(v) || v === 'valid' || v === 'same',
    'a whole number, a pair, "valid" or "same"',
  ],
  paddingMode: [
    (v) => ['zeros', 'reflect', 'replicate', 'circular'].includes(v as string),
    'zeros, reflect, replicate or circular',
  ],
  hasBias: [bool, 'true or false'],
  flip: [bool, 'true or false'],
  countIncludePad: [bool, 'true or false'],
  trainable: [bool, 'true or false'],
  slope: [finite, 'a number'],
  p: [finite, 'a number'],
};

export function readPatch(raw: unknown, path: string, r: Reader): LayerPatch | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object of layer settings, e.g. {"padding": 1}`);
    return null;
  }
  const patch: Record<string, unknown> = {};
  let good = true;
  for (const [key, v] of Object.entries(raw)) {
    const rule = PATCH_KEYS[key as keyof LayerPatch] as readonly [Check, string] | undefined;
    if (rule === undefined) {
      r.issues.error(
        `${path}.${key}`,
        `${path}: "${key}" is not a layer setting (${Object.keys(PATCH_KEYS).join(', ')})`,
      );
      good = false;
    } else if (!rule[0](v)) {
      r.issues.error(`${path}.${key}`, `${path}.${key} must be ${rule[1]}; got ${showValue(v)}`);
      good = false;
    } else {
      patch[key] = v;
    }
  }
  return good ? patch : null;
}

/** A flat list of finite numbers. */
export function readValues(raw: unknown, path: string, r: Reader): Float64Array | null {
  if (!Array.isArray(raw) || !raw.every(finite)) {
    r.issues.error(path, `${path} must be a flat list of finite numbers`);
    return null;
  }
  return Float64Array.from(raw as number[]);
}

const LEARNING_KEYS = ['examples', 'test', 'loss', 'optimizer', 'batch', 'steps', 'shuffleSeed', 'rivals'];

export function readLearning(raw: unknown, path: string, r: Reader): LessonLearning | null {
  if (!isObject(raw)) {
    r.issues.error(path, `${path} must be an object {"examples", "loss", "optimizer", ...}`);
    return null;
  }
  for (const key of Object.keys(raw)) {
    if (!LEARNING_KEYS.includes(key)) r.issues.warn(`${path}.${key}`, `unknown key "${key}" is ignored`);
  }
  const examples = readExampleSet(raw.examples, `${path}.examples`, r);
  const test = raw.test === undefined ? null : readExampleSet(raw.test, `${path}.test`, r);
  const loss = raw.loss as LossName;
  if (!LOSS_NAMES.includes(loss))
    r.issues.error(`${path}.loss`, `${path}.loss must be one of ${LOSS_NAMES.join(', ')}`);
  const optimizer = readOptimizer(raw.optimizer, `${path}.optimizer`, r);
  const batch = raw.batch ?? 'all';
  if (batch !== 'all' && !(int(batch) && (batch as number) >= 1)) {
    r.issues.error(`${path}.batch`, `${path}.batch must be "all" or a whole number of at least 1`);
  }
  const steps = raw.steps ?? 100;
  if (!(int(steps) && (steps as number) >= 1 && (steps as number) <= 100_000)) {
    r.issues.error(`${path}.steps`, `${path}.steps must be a whole number from 1 to 100,000`);
  }
  const seed = raw.shuffleSeed ?? null;
  if (seed !== null && !int(seed))
    r.issues.error(`${path}.shuffleSeed`, `${path}.shuffleSeed must be a whole number`);
  const rivals: LessonRival[] = [];
  if (raw.rivals !== undefined && !Array.isArray(raw.rivals)) {
    r.issues.error(`${path}.rivals`, `${path}.rivals must be a list of {"title", "workbook"}`);
  }
  (Array.isArray(raw.rivals) ? (raw.rivals as unknown[]) : []).forEach((rival, i) => {
    const at = `${path}.rivals[${i}]`;
    if (!isObject(rival) || typeof rival.title !== 'string') {
      r.issues.error(at, `${at} must be an object {"title": text, "workbook": a workbook}`);
      return;
    }
    const read = parseWorkbook(rival.workbook);
    if (read.ok) rivals.push({ title: rival.title, workbook: read.value });
    else for (const e of read.errors) r.issues.error(`${at}.workbook.${e.path}`, `${at}: ${e.message}`);
  });
  if (examples === null || optimizer === null || r.issues.errors.length > 0) return null;
  return {
    examples,
    test,
    loss,
    optimizer,
    batch: batch as number | 'all',
    steps: steps as number,
    shuffleSeed: seed as number | null,
    rivals,
  };
}

function readExampleSet(raw: unknown, path: string, r: Reader): ExampleSet | null {
  const read = parseExamples(raw);
  if (read.ok) return read.value;
  for (const e of read.errors) r.issues.error(`${path}.${e.path}`, `${path}: ${e.message}`);
  return null;
}

function readOptimizer(raw: unknown, path: string, r: Reader): OptimizerSettings | null {
  if (!isObject(raw) || (raw.name !== 'sgd' && raw.name !== 'adam') || !finite(raw.lr)) {
    r.issues.error(path, `${path} must be {"name": "sgd" or "adam", "lr": a number, ...}`);
    return null;
  }
  const settings = { ...raw } as unknown as OptimizerSettings;
  for (const e of checkOptimizerSettings(settings)) {
    r.issues.error(`${path}.${e.path.replace(/^optimizer\./, '')}`, `${path}: ${e.message}`);
  }
  return settings;
}
