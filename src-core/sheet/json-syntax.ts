/**
 * Where a text stops being JSON, and why, in words a person editing a file by hand can act on (a comma
 * before "]", single quotes, NaN). Run only after JSON.parse has refused the text: engines word and
 * place their errors differently, this gives the same line and column everywhere.
 */
import type { Issue, Result } from './issues';

interface SyntaxProblem {
  /** Character index (UTF-16 code units) where the text goes wrong. */
  readonly at: number;
  readonly problem: string;
}

/**
 * Parses a file's text as JSON (a leading byte-order mark is ignored) and hands the value to `read`;
 * text that is not JSON gives one issue saying where and why.
 */
export function readJsonText<T>(text: string, read: (json: unknown) => Result<T>): Result<T> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const engineMessage = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [jsonSyntaxIssue(body, engineMessage)], warnings: [] };
  }
  return read(json);
}

/** The issue for a text JSON.parse refused; `engineMessage` is the fallback if the scan finds nothing. */
export function jsonSyntaxIssue(text: string, engineMessage: string): Issue {
  const found = findSyntaxError(text);
  if (found === null) return { path: '', message: `not valid JSON: ${engineMessage}` };
  const before = text.slice(0, found.at);
  const line = before.split('\n').length;
  const column = found.at - (before.lastIndexOf('\n') + 1) + 1;
  return { path: '', message: `not valid JSON at line ${line}, column ${column}: ${found.problem}` };
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'afterValue';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first place the text breaks the JSON grammar (RFC 8259), or null when it does not. */
export function findSyntaxError(text: string): SyntaxProblem | null {
  const open: string[] = [];
  let i = 0;
  let expect: Expect = 'value';
  let afterComma = false;
  const fail = (problem: string): SyntaxProblem => ({ at: i, problem });
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    const c = text.charAt(i);
    const found = describe(text, i);
    if (expect === 'afterValue') {
      const top = open[open.length - 1];
      if (top === undefined)
        return i < text.length ? fail(`unexpected ${found} after the end of the JSON value`) : null;
      const close = top === '{' ? '}' : ']';
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
        afterComma = true;
        continue;
      }
      if (c === close) {
        open.pop();
        i++;
        continue;
      }
      return fail(`expected "," or "${close}" after a value; found ${found}`);
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (c === '}' && (expect === 'keyOrClose' || afterComma)) {
        if (afterComma) return fail('a comma before "}": JSON allows no comma after the last entry');
        open.pop();
        i++;
        expect = 'afterValue';
        continue;
      }
      if (c !== '"') return fail(`expected a key in double quotes; found ${found}${hint(c)}`);
      const bad = scanString(text, i);
      if (typeof bad !== 'number') return bad;
      i = bad;
      while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
      if (text.charAt(i) !== ':') return fail(`expected ":" after the key; found ${describe(text, i)}`);
      i++;
      expect = 'value';
      afterComma = false;
      continue;
    }
    if (c === ']' && (expect === 'valueOrClose' || afterComma)) {
      if (afterComma) return fail('a comma before "]": JSON allows no comma after the last value');
      open.pop();
      i++;
      expect = 'afterValue';
      continue;
    }
    afterComma = false;
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    expect = 'afterValue';
    if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      continue;
    }
    const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (literal !== undefined) {
      i += literal.length;
      continue;
    }
    NUMBER.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      continue;
    }
    return fail(`expected a value; found ${found}${hint(c, text.slice(i, i + 9))}`);
  }
}

/** Index just past a string starting at `start` (a double quote), or the problem inside it. */
function scanString(text: string, start: number): number | SyntaxProblem {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text.charAt(i + 1);
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (e !== '' && '"\\/bfnrt'.includes(e)) i += 2;
      else return { at: i, problem: `an unknown escape "\\${e}" in a string` };
      continue;
    }
    if (c.charCodeAt(0) < 0x20) {
      return {
        at: i,
        problem: 'a line break or control character inside a string (write \\n for a line break)',
      };
    }
    i++;
  }
  return { at: i, problem: 'the text ends inside a string (a closing double quote is missing)' };
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  return JSON.stringify(text.charAt(i));
}

function hint(c: string, ahead = ''): string {
  if (c === "'") return ' (JSON strings and keys take double quotes)';
  if (c === '/') return ' (JSON has no comments)';
  if (/^-?(NaN|Infinity)/.test(ahead))
    return ' (NaN and Infinity are not JSON numbers; every value must be finite)';
  return '';
}
