/**
 * Reading the JSON values of a workbook file into typed values, reporting what is not the expected
 * kind of value (a string where a number goes, a list of 3 where a pair goes). Whether a number is in
 * range is for rules.ts, which checks files and edits alike.
 */
import { closest, plural, showValue, type IssueList } from './issues';
import type { IntOrPair, Pair } from './types';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a value is read: its path in the file, the label messages start with, and the issue list. */
export interface Place {
  readonly path: string;
  readonly label: string;
  readonly issues: IssueList;
}

export function child(place: Place, key: string): Place {
  return { ...place, path: `${place.path}.${key}` };
}

/** At most this many bad values are reported one by one per list; the rest are counted. */
const MAX_VALUE_ISSUES = 5;

/**
 * A flat list of finite numbers, or null after reporting every value that is not one (by index:
 * `layers[2].weight.data[17]`). `what` names the list in messages: `weight.data`, `bias`, `data`.
 */
export function readNumbers(v: unknown, place: Place, what: string, expected: string): Float64Array | null {
  if (!Array.isArray(v)) {
    place.issues.error(place.path, `${place.label}: ${what} must be ${expected}; got ${showValue(v)}`);
    return null;
  }
  const values = new Float64Array(v.length);
  let bad = 0;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x === 'number' && Number.isFinite(x)) {
      values[i] = x;
      continue;
    }
    bad++;
    if (bad <= MAX_VALUE_ISSUES) {
      const hint = Array.isArray(x) ? ' (the values are one flat list, row-major)' : '';
      place.issues.error(
        `${place.path}[${i}]`,
        `${place.label}: ${what}[${i}] must be a finite number; got ${showValue(x)}${hint}`,
      );
    }
  }
  if (bad > MAX_VALUE_ISSUES) {
    place.issues.error(
      place.path,
      `${place.label}: ${bad - MAX_VALUE_ISSUES} more values in ${what} are not finite numbers`,
    );
  }
  return bad === 0 ? values : null;
}

/**
 * A shape with exactly `axes.length` sizes, each a number (whole and at least 1 is checked by the rules).
 * `subject` names it in messages (`weight`); null when the label already does (`input`).
 */
export function readShape(
  v: unknown,
  place: Place,
  subject: string | null,
  axes: readonly string[],
): number[] | undefined {
  const form = `[${axes.join(', ')}]`;
  const shapeOf = subject === null ? 'shape' : `${subject} shape`;
  if (!Array.isArray(v) || v.length !== axes.length) {
    const count = Array.isArray(v) ? ` (${plural(v.length, 'number')})` : '';
    place.issues.error(
      place.path,
      `${place.label}: ${shapeOf} must be ${form} (${plural(axes.length, 'number')}); got ${showValue(v)}${count}`,
    );
    return undefined;
  }
  const shape: number[] = [];
  let ok = true;
  v.forEach((x: unknown, i) => {
    if (typeof x === 'number') {
      shape.push(x);
      return;
    }
    place.issues.error(
      `${place.path}[${i}]`,
      `${place.label}: ${shapeOf}[${i}] (${axes[i] ?? i}) must be a whole number of at least 1; got ${showValue(x)}`,
    );
    ok = false;
  });
  return ok ? shape : undefined;
}

/**
 * `{"shape": [...], "data": [...]}` with `data` optional (a shape-only tensor). Returns undefined when the
 * shape cannot be read; `data` is null when absent or when a value in it is not a finite number.
 */
export function readTensor(
  v: unknown,
  place: Place,
  subject: string | null,
  axes: readonly string[],
): { shape: number[]; data: Float64Array | null } | undefined {
  const form = `{"shape": [${axes.join(', ')}], "data": [...]}`;
  if (!isObject(v)) {
    const what = subject === null ? place.label : `${place.label}: ${subject}`;
    place.issues.error(place.path, `${what} must be ${form}; got ${showValue(v)}`);
    return undefined;
  }
  warnUnknownKeys(v, ['shape', 'data'], place, subject === null ? '' : `in ${subject}`, {});
  const shape = readShape(v.shape, child(place, 'shape'), subject, axes);
  const expected = 'a flat list of numbers (or left out for a shape-only workbook)';
  const dataName = subject === null ? 'data' : `${subject}.data`;
  const data = v.data === undefined ? null : readNumbers(v.data, child(place, 'data'), dataName, expected);
  return shape === undefined ? undefined : { shape, data };
}

/** An optional number setting; `fallback` when absent. */
export function readNumber(o: JsonObject, key: string, place: Place, fallback: number): number | undefined {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  place.issues.error(`${place.path}.${key}`, `${place.label}: ${key} must be a number; got ${showValue(v)}`);
  return undefined;
}

export function readBoolean(
  o: JsonObject,
  key: string,
  place: Place,
  fallback: boolean,
): boolean | undefined {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  place.issues.error(
    `${place.path}.${key}`,
    `${place.label}: ${key} must be true or false; got ${showValue(v)}`,
  );
  return undefined;
}

/** A number or a pair of numbers (`rule` says what they must be, for the message). */
export function readIntOrPair(
  v: unknown,
  path: string,
  place: Place,
  key: string,
  rule: string,
): IntOrPair | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2) {
    const a: unknown = v[0];
    const b: unknown = v[1];
    if (typeof a === 'number' && typeof b === 'number') return [a, b] satisfies Pair;
  }
  place.issues.error(path, `${place.label}: ${key} must be ${rule}; got ${showValue(v)}`);
  return undefined;
}

/** One of a few strings. */
export function readChoice<T extends string>(
  o: JsonObject,
  key: string,
  place: Place,
  choices: readonly T[],
  fallback: T,
): T | undefined {
  const v = o[key];
  if (v === undefined) return fallback;
  const found = choices.find((c) => c === v);
  if (found !== undefined) return found;
  const listed = choices.map((c) => `"${c}"`);
  const options = `${listed.slice(0, -1).join(', ')} or ${listed[listed.length - 1] ?? ''}`;
  place.issues.error(
    `${place.path}.${key}`,
    `${place.label}: ${key} must be ${options}; got ${showValue(v)}`,
  );
  return undefined;
}

/**
 * Keys this version does not know are ignored with a warning (and not written back), with a hint when
 * one looks like a known key spelled differently (`padding_mode` for `paddingMode`).
 */
export function warnUnknownKeys(
  o: JsonObject,
  known: readonly string[],
  place: Place,
  where: string,
  aliases: Record<string, string>,
  listing?: string,
): void {
  for (const key of Object.keys(o)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known, aliases);
    const hint = guess !== null ? `; did you mean "${guess}"?` : listing !== undefined ? `; ${listing}` : '';
    place.issues.warn(
      `${place.path}.${key}`,
      `${place.label}: unknown key "${key}"${where === '' ? '' : ` ${where}`} is ignored and not saved${hint}`,
    );
  }
}
