/**
 * Errors and warnings as values the UI can show. Every issue has the place in the file it concerns
 * (`layers[2].weight.data[17]`, `layers[1].padding`, `input.shape[1]`; "" for the whole file) and a
 * message that names the layer (`layers[1] (conv2): ...`), the setting and the rule broken.
 */

export interface Issue {
  /** Where in the workbook file: `layers[2].weight.data[17]`; "" for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

/**
 * The outcome of reading or checking: the value, or the errors that prevent it. Warnings (valid, but
 * worth knowing, such as input rows a stride never reads) come with either.
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly errors: readonly Issue[]; readonly warnings: readonly Issue[] };

/** Errors and warnings gathered while checking, in the order they were found. */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  /** The value when no error was found, otherwise the errors; warnings either way. */
  result<T>(value: T): Result<T> {
    return this.errors.length === 0
      ? { ok: true, value, warnings: this.warnings }
      : { ok: false, errors: this.errors, warnings: this.warnings };
  }

  failure<T>(): Result<T> {
    return { ok: false, errors: this.errors, warnings: this.warnings };
  }

  /** Puts the issues in the order of the file (top, input, layers[0], layers[1], ...), keeping ties in order. */
  sortByPlace(): void {
    const byPlace = (a: Issue, b: Issue): number => placeRank(a.path) - placeRank(b.path);
    this.errors.sort(byPlace);
    this.warnings.sort(byPlace);
  }
}

/** Where in the file a path lies: the header, then the input, then each layer, then anything else. */
function placeRank(path: string): number {
  const layer = /^layers\[(\d+)\]/.exec(path);
  if (layer !== null) return Number(layer[1]);
  if (path === '' || path === 'format' || path === 'version') return -3;
  if (path === 'name' || path.startsWith('input')) return -2;
  if (path === 'layers') return -1;
  return Number.MAX_SAFE_INTEGER;
}

/** How messages name a layer: `layers[1] (conv2)`. */
export function layerLabel(index: number, name: string | null): string {
  return name === null ? `layers[${index}]` : `layers[${index}] (${name})`;
}

/** A count with thousands separators, independent of locale: 138357544 -> "138,357,544". */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n));
  if (!/^\d+$/.test(digits)) return String(n);
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 row", "2 rows". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** A setting as the file writes it: `3`, `[2, 1]`, `"same"`. */
export function showSetting(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(showSetting).join(', ')}]`;
  return showValue(v);
}

/**
 * A JSON value as a message quotes it. A number too large for float64 (1e999 in the file) has already
 * become Infinity when the text was parsed, so it is named as such.
 */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v))
      return `${v < 0 ? '-' : ''}Infinity (a number too large for float64, such as 1e999)`;
    return String(v);
  }
  if (typeof v === 'string') return shorten(JSON.stringify(v), 40);
  if (v === null || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list ${shorten(compactJson(v), 40)}`;
  if (typeof v === 'object') return `an object ${shorten(compactJson(v), 40)}`;
  return typeof v;
}

function compactJson(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? '').replace(/,/g, ', ');
  } catch {
    return '...';
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A setting name and the closest known one, for "did you mean" hints: case, `_` and `-` ignored. */
export function closest(
  key: string,
  known: readonly string[],
  aliases: Record<string, string> = {},
): string | null {
  const norm = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  const alias = aliases[norm(key)];
  if (alias !== undefined) return alias;
  return known.find((k) => norm(k) === norm(key)) ?? null;
}
