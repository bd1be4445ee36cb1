/**
 * Reading a workbook file (`*.convsheet.json`, CONTRACTS.md section 2) into a Workbook, checking every
 * rule on the way: the file's structure here, each layer's settings in rules.ts, the shapes flowing
 * through the network in shapes.ts. Bad input never throws: every problem comes back as an Issue.
 */
import { IssueList, showValue, type Result } from './issues';
import { readJsonText } from './json-syntax';
import { LIMITS } from './limits';
import { rawLayerType, readLayer } from './read-layers';
import { isObject, readTensor, type JsonObject, type Place } from './read-values';
import { checkLayers } from './shapes';
import {
  defaultLayerName,
  WORKBOOK_VERSION,
  type InputTensor,
  type Layer,
  type LayerType,
  type Workbook,
} from './types';

const TOP_LEVEL_KEYS = ['format', 'version', 'name', 'input', 'layers', 'ui', 'learn'];

/** Reads the text of a workbook file (UTF-8 decoded; a leading byte-order mark is ignored). */
export function readWorkbook(text: string): Result<Workbook> {
  return readJsonText(text, parseWorkbook);
}

/** Reads an already parsed JSON value as a workbook. */
export function parseWorkbook(json: unknown): Result<Workbook> {
  const issues = new IssueList();
  if (!isObject(json)) {
    issues.error(
      '',
      `a workbook is a JSON object {"format": "convsheet", "version": 1, ...}; got ${showValue(json)}`,
    );
    return issues.failure();
  }
  if (!checkFormat(json, issues)) return issues.failure();

  let name: string | undefined;
  if (json.name !== undefined) {
    if (typeof json.name === 'string') name = json.name;
    else issues.error('name', `name (the workbook's title) must be text; got ${showValue(json.name)}`);
  }
  for (const key of ['ui', 'learn']) {
    if (nestedDeeper(json[key], MAX_NESTING)) {
      issues.error(
        key,
        `"${key}" nests lists or objects more than ${MAX_NESTING} deep; ConvSheet's own settings never do`,
      );
    }
  }
  const input = readInput(json.input, issues);
  const layers = readLayers(json.layers, issues);
  for (const key of Object.keys(json)) {
    if (TOP_LEVEL_KEYS.includes(key)) continue;
    issues.warn(
      key,
      `unknown key "${key}" is ignored and not saved; keep extra settings under "ui" or "learn"`,
    );
  }

  // Shapes are checked as far as the layers could be read, so one file shows as many problems as it can.
  const resolved = checkLayers(input, layers ?? [], issues);
  issues.sortByPlace();
  if (input === null || layers === null || resolved === null || issues.errors.length > 0)
    return issues.failure();
  const workbook: Workbook = {
    ...(name === undefined ? {} : { name }),
    input,
    layers: layers.filter((l): l is Layer => l !== null),
    ...('ui' in json ? { ui: json.ui } : {}),
    ...('learn' in json ? { learn: json.learn } : {}),
  };
  return issues.result(workbook);
}

/**
 * How deep `ui` and `learn`, kept as they are and written back on saving, may nest. Parsing takes any
 * depth, but writing (JSON.stringify) and posting to a worker recurse, and a million nested lists would
 * overflow the stack there, long after the file was accepted.
 */
const MAX_NESTING = 64;

/** True when `v` nests lists or objects more than `max` deep (looking no deeper than that). */
function nestedDeeper(v: unknown, max: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (max === 0) return true;
  return Object.values(v).some((x: unknown) => nestedDeeper(x, max - 1));
}

/** "format" must be "convsheet" and "version" 1; anything else stops reading, the rest could mean anything. */
function checkFormat(json: JsonObject, issues: IssueList): boolean {
  const format = json.format;
  if (format !== 'convsheet') {
    const hint =
      format === 'convsheet-examples' ? ' (this is an example set for learning, not a workbook)' : '';
    issues.error(
      'format',
      format === undefined
        ? 'not a ConvSheet workbook: "format": "convsheet" is missing'
        : `not a ConvSheet workbook: "format" must be "convsheet"; got ${showValue(format)}${hint}`,
    );
    return false;
  }
  const version = json.version;
  if (version === WORKBOOK_VERSION) return true;
  if (version === undefined) {
    issues.error(
      'version',
      `"version" is missing; this ConvSheet reads version ${WORKBOOK_VERSION} workbooks`,
    );
  } else if (typeof version === 'number' && Number.isInteger(version) && version > WORKBOOK_VERSION) {
    issues.error(
      'version',
      `this workbook is version ${version}, written by a newer ConvSheet; this ConvSheet reads version ` +
        `${WORKBOOK_VERSION} workbooks. Update ConvSheet to open it`,
    );
  } else {
    issues.error('version', `"version" must be ${WORKBOOK_VERSION}; got ${showValue(version)}`);
  }
  return false;
}

/** The input image: `{"shape": [C, H, W], "data": [...]}`, data optional in a shape-only workbook. */
function readInput(v: unknown, issues: IssueList): InputTensor | null {
  const place: Place = { path: 'input', label: 'input', issues };
  if (v === undefined) {
    issues.error('input', 'the workbook has no "input": add {"shape": [C, H, W], "data": [...]}');
    return null;
  }
  if (isObject(v) && Array.isArray(v.shape) && v.shape.length === 2) {
    // The commonest slip: an image without its channel axis.
    issues.error(
      'input.shape',
      `input: shape must be [C, H, W] (3 numbers); got ${showValue(v.shape)} (2 numbers); a grayscale image is [1, H, W]`,
    );
    return null;
  }
  const t = readTensor(v, place, null, ['C', 'H', 'W']);
  const [c, h, w] = t?.shape ?? [];
  if (t === undefined || c === undefined || h === undefined || w === undefined) return null;
  return { shape: [c, h, w], data: t.data };
}

/**
 * The layer list; null entries are layers that could not be read. Default names count layers by type:
 * the second conv2d is `conv2` whether or not the first has a name of its own.
 */
function readLayers(v: unknown, issues: IssueList): (Layer | null)[] | null {
  if (!Array.isArray(v)) {
    issues.error(
      'layers',
      v === undefined
        ? 'the workbook has no "layers" list (an empty list [] is fine)'
        : `layers must be a list of layers; got ${showValue(v)}`,
    );
    return null;
  }
  if (v.length > LIMITS.layers) {
    issues.error('layers', `the workbook has ${v.length} layers, over the limit of ${LIMITS.layers}`);
    return null;
  }
  const seen = new Map<LayerType, number>();
  return v.map((raw: unknown, index) => {
    const type = rawLayerType(raw);
    let name: string | null = null;
    if (type !== null) {
      const n = (seen.get(type) ?? 0) + 1;
      seen.set(type, n);
      name = defaultLayerName(type, n);
    }
    return readLayer(raw, index, name, issues);
  });
}
