/**
 * Example sets for learning (`*.examples.json`, CONTRACTS.md section 3): images with a class label
 * (for `bce` and `ce`) or a target map shaped like the network's final output (for `mse`).
 * Reading never throws: every problem is an Issue naming its place (`examples[3].input.data[17]`).
 * Whether the examples suit a particular workbook and loss is checked in example-fit.ts.
 */
import { IssueList, formatCount, showValue, type Result } from '../sheet/issues';
import { readJsonText } from '../sheet/json-syntax';
import { LIMITS } from '../sheet/limits';
import { child, isObject, warnUnknownKeys, type JsonObject, type Place } from '../sheet/read-values';
import { formatShape, sizeOf, type Tensor } from '../tensor';

/** One labelled image. */
export interface Example {
  /** The image, C x H x W. */
  readonly input: Tensor;
  /** The class number, 0-based (bce: 0 or 1; ce: 0 .. outputs - 1); null when the example has none. */
  readonly label: number | null;
  /** The wanted final output for mse, C x H x W like the network's output; null when it has none. */
  readonly target: Tensor | null;
}

export interface ExampleSet {
  /** Names of the classes, `classes[label]`; null when the file gives none. */
  readonly classes: readonly string[] | null;
  readonly examples: readonly Example[];
}

export const EXAMPLES_FORMAT = 'convsheet-examples';
export const EXAMPLES_VERSION = 1;

const TOP_LEVEL_KEYS = ['format', 'version', 'classes', 'examples'];
const EXAMPLE_KEYS = ['input', 'label', 'target'];

/** Reads the text of an example-set file (a leading byte-order mark is ignored). */
export function readExamples(text: string): Result<ExampleSet> {
  return readJsonText(text, parseExamples);
}

/** Reads an already parsed JSON value as an example set. */
export function parseExamples(json: unknown): Result<ExampleSet> {
  const issues = new IssueList();
  if (!isObject(json)) {
    issues.error(
      '',
      `an example set is a JSON object {"format": "${EXAMPLES_FORMAT}", "version": 1, "examples": [...]}; ` +
        `got ${showValue(json)}`,
    );
    return issues.failure();
  }
  if (!checkFormat(json, issues)) return issues.failure();
  const root: Place = { path: '', label: 'examples', issues };
  warnUnknownKeys(json, TOP_LEVEL_KEYS, root, 'at the top level', {});
  const classes = readClasses(json.classes, issues);
  const list = json.examples;
  if (!Array.isArray(list)) {
    issues.error(
      'examples',
      list === undefined
        ? 'the example set has no "examples" list'
        : `examples must be a list of {"input": ..., "label": ...}; got ${showValue(list)}`,
    );
    return issues.failure();
  }
  const examples: Example[] = [];
  list.forEach((raw: unknown, index) => {
    const example = readExample(raw, index, classes, issues);
    if (example !== null) examples.push(example);
  });
  if (issues.errors.length > 0) return issues.failure();
  return issues.result({ classes, examples });
}

function checkFormat(json: JsonObject, issues: IssueList): boolean {
  if (json.format !== EXAMPLES_FORMAT) {
    const hint = json.format === 'convsheet' ? ' (this is a workbook, not an example set)' : '';
    issues.error(
      'format',
      json.format === undefined
        ? `not a ConvSheet example set: "format": "${EXAMPLES_FORMAT}" is missing`
        : `not a ConvSheet example set: "format" must be "${EXAMPLES_FORMAT}"; got ${showValue(json.format)}${hint}`,
    );
    return false;
  }
  if (json.version === EXAMPLES_VERSION) return true;
  const newer = typeof json.version === 'number' && json.version > EXAMPLES_VERSION;
  issues.error(
    'version',
    json.version === undefined
      ? `"version" is missing; this ConvSheet reads version ${EXAMPLES_VERSION} example sets`
      : newer
        ? `this example set is version ${showValue(json.version)}, written by a newer ConvSheet; update ConvSheet to open it`
        : `"version" must be ${EXAMPLES_VERSION}; got ${showValue(json.version)}`,
  );
  return false;
}

function readClasses(v: unknown, issues: IssueList): string[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v)) {
    issues.error('classes', `classes must be a list of names, one per label; got ${showValue(v)}`);
    return null;
  }
  const names: string[] = [];
  v.forEach((name: unknown, i) => {
    if (typeof name === 'string') names.push(name);
    else issues.error(`classes[${i}]`, `classes[${i}] must be a name (text); got ${showValue(name)}`);
  });
  return names;
}

function readExample(
  raw: unknown,
  index: number,
  classes: readonly string[] | null,
  issues: IssueList,
): Example | null {
  const at = `examples[${index}]`;
  const place: Place = { path: at, label: at, issues };
  if (!isObject(raw)) {
    issues.error(
      at,
      `${at} must be {"input": {"shape", "data"}, "label": N} or with a "target"; got ${showValue(raw)}`,
    );
    return null;
  }
  warnUnknownKeys(raw, EXAMPLE_KEYS, place, '', {});
  const hasTarget = raw.target !== undefined;
  const input = readMap(raw.input, child(place, 'input'));
  // undefined: a label that could not be read; null: no label.
  const label = raw.label === undefined ? null : readLabel(raw.label, at, classes, issues);
  const target = hasTarget ? readMap(raw.target, child(place, 'target')) : null;
  if (raw.label === undefined && !hasTarget) {
    issues.error(at, `${at} has neither a "label" (for bce or ce) nor a "target" (for mse)`);
  }
  if (input === null || label === undefined || (hasTarget && target === null)) return null;
  return { input, label, target };
}

/** At most this many bad values are reported one by one per list; the rest are counted. */
const MAX_VALUE_ISSUES = 5;

/**
 * A C x H x W map with all its values: `{"shape": [C, H, W], "data": [...]}`. Messages start with the
 * full place (`examples[3].input.data[17] must be ...`), so a one-line report needs nothing else.
 */
function readMap(v: unknown, place: Place): Tensor | null {
  const { issues, path } = place;
  if (!isObject(v)) {
    const why =
      v === undefined ? 'is missing' : `must be {"shape": [C, H, W], "data": [...]}; got ${showValue(v)}`;
    issues.error(path, `${path} ${why}`);
    return null;
  }
  warnUnknownKeys(v, ['shape', 'data'], place, '', {});
  const shape = readShape(v.shape, `${path}.shape`, issues);
  if (v.data === undefined) {
    issues.error(`${path}.data`, `${path}.data is missing; learning needs every value`);
    return null;
  }
  const data = readValues(v.data, `${path}.data`, issues);
  if (shape === null || data === null) return null;
  const need = sizeOf(shape);
  if (data.length !== need) {
    issues.error(
      `${path}.data`,
      `${path}.data has ${formatCount(data.length)} ${data.length === 1 ? 'value' : 'values'}; its shape ${formatShape(shape)} holds ${formatCount(need)}`,
    );
    return null;
  }
  return { shape, data };
}

/** [C, H, W]: three whole numbers from 1 to the size limit. */
function readShape(v: unknown, path: string, issues: IssueList): number[] | null {
  if (!Array.isArray(v) || v.length !== 3) {
    const count = Array.isArray(v) ? ` (${v.length} numbers)` : '';
    issues.error(path, `${path} must be [C, H, W] (3 numbers); got ${showValue(v)}${count}`);
    return null;
  }
  let ok = true;
  const shape = v.map((s: unknown, i) => {
    if (typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= LIMITS.dimension) return s;
    issues.error(
      `${path}[${i}]`,
      `${path}[${i}] (${'CHW'.charAt(i)}) must be a whole number from 1 to ${LIMITS.dimension}; got ${showValue(s)}`,
    );
    ok = false;
    return 0;
  });
  return ok ? shape : null;
}

/** A flat list of finite numbers, each bad one reported by index (up to a few, then counted). */
function readValues(v: unknown, path: string, issues: IssueList): Float64Array | null {
  if (!Array.isArray(v)) {
    issues.error(path, `${path} must be a flat list of numbers; got ${showValue(v)}`);
    return null;
  }
  const values = new Float64Array(v.length);
  let bad = 0;
  v.forEach((x: unknown, i) => {
    if (typeof x === 'number' && Number.isFinite(x)) {
      values[i] = x;
      return;
    }
    bad++;
    if (bad > MAX_VALUE_ISSUES) return;
    const hint = Array.isArray(x) ? ' (the values are one flat list, row-major)' : '';
    issues.error(`${path}[${i}]`, `${path}[${i}] must be a finite number; got ${showValue(x)}${hint}`);
  });
  if (bad > MAX_VALUE_ISSUES) {
    issues.error(path, `${path} has ${bad - MAX_VALUE_ISSUES} more values that are not finite numbers`);
  }
  return bad === 0 ? values : null;
}

/** A class number: a whole number from 0, below the number of classes when they are named. */
function readLabel(
  v: unknown,
  at: string,
  classes: readonly string[] | null,
  issues: IssueList,
): number | undefined {
  const path = `${at}.label`;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    issues.error(path, `${path} must be a class number (a whole number from 0); got ${showValue(v)}`);
    return undefined;
  }
  if (classes !== null && v >= classes.length) {
    issues.error(
      path,
      `${path} is ${v}, but the set names ${classes.length} classes (labels 0 to ${classes.length - 1})`,
    );
    return undefined;
  }
  return v;
}

/** Shortest text that reads back as the same float64 (-0 kept). */
function numberText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function mapJson(t: Tensor): string {
  const data = Array.from(t.data, numberText).join(', ');
  return `{"shape": [${t.shape.join(', ')}], "data": [${data}]}`;
}

/** The example set as the JSON value of its file (CONTRACTS.md section 3), to keep inside a workbook. */
export function examplesJson(set: ExampleSet): Record<string, unknown> {
  const map = (t: Tensor) => ({ shape: [...t.shape], data: Array.from(t.data) });
  return {
    format: EXAMPLES_FORMAT,
    version: EXAMPLES_VERSION,
    ...(set.classes === null ? {} : { classes: [...set.classes] }),
    examples: set.examples.map((e) => ({
      input: map(e.input),
      ...(e.label === null ? {} : { label: e.label }),
      ...(e.target === null ? {} : { target: map(e.target) }),
    })),
  };
}

/**
 * The text of an example-set file, one example per line. Numbers are written exactly, so reading the
 * text back gives the same values.
 */
export function writeExamples(set: ExampleSet): string {
  const lines = set.examples.map((e) => {
    const parts = [`"input": ${mapJson(e.input)}`];
    if (e.label !== null) parts.push(`"label": ${e.label}`);
    if (e.target !== null) parts.push(`"target": ${mapJson(e.target)}`);
    return `    {${parts.join(', ')}}`;
  });
  const head = [`  "format": "${EXAMPLES_FORMAT}"`, `  "version": ${EXAMPLES_VERSION}`];
  if (set.classes !== null) head.push(`  "classes": ${JSON.stringify(set.classes)}`);
  const body = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n${head.join(',\n')},\n  "examples": ${body}\n}\n`;
}
