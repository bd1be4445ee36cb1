import { readFileSync, statSync } from 'node:fs';
import { describeContent } from '../src-core/io/image-header';
import { missingData } from '../src-core/sheet/data';
import type { Issue } from '../src-core/sheet/issues';
import { readWorkbook } from '../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../src-core/sheet/shapes';
import { InputError } from './args';
import { writeMessage } from './terminal';

/**
 * Largest workbook or example set read: its text becomes one string (V8 caps them near 512 MB) and its
 * numbers a parsed JSON tree several times the size, so a larger file is refused before reading.
 */
const MAX_TEXT_BYTES = 256 * 2 ** 20;

/**
 * Reads a file as UTF-8 text; a missing, unreadable or empty file, or one holding an image or other
 * binary data behind a text extension, is an InputError naming it.
 */
export function readTextFile(path: string): string {
  let bytes: Uint8Array;
  try {
    const { size } = statSync(path);
    if (size > MAX_TEXT_BYTES) {
      throw new InputError(
        `${path}: the file is ${Math.round(size / 2 ** 20)} MB, over the limit of ${MAX_TEXT_BYTES / 2 ** 20} MB`,
      );
    }
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    throw new InputError(`${path}: ${why}`);
  }
  const content = describeContent(bytes);
  if (content !== 'JSON text' && content !== 'text')
    throw new InputError(`${path}: this is ${content}, not JSON`);
  return new TextDecoder().decode(bytes);
}

/** One line naming the file and the first problem, with a count of the others. */
export function issueLine(path: string, issues: readonly Issue[]): string {
  const [first] = issues;
  if (first === undefined) return `${path}: invalid`;
  // Most messages already name their place; add it only where one does not.
  const place = first.path === '' || first.message.includes(first.path) ? '' : `${first.path}: `;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${path}: ${place}${first.message}${more}`;
}

/** Warnings go to stderr, one line each: they never stop a command. */
export function printWarnings(path: string, warnings: readonly Issue[]): void {
  for (const w of warnings) writeMessage(`warning: ${path}: ${w.message}`);
}

/**
 * Which values a command needs: all of them (learn), all but the input's when another input replaces
 * it (eval --input), or none (summary counts shapes).
 */
export type NeededData = 'all' | 'weights' | 'none';

/** Reads, checks and resolves a workbook file, refusing a shape-only one where values are needed. */
export function loadWorkbook(path: string, need: NeededData): ResolvedWorkbook {
  const read = readWorkbook(readTextFile(path));
  if (!read.ok) throw new InputError(issueLine(path, read.errors));
  const resolved = resolveWorkbook(read.value);
  if (!resolved.ok) throw new InputError(issueLine(path, resolved.errors));
  printWarnings(path, resolved.warnings);
  if (need !== 'none') {
    const missing = missingData(read.value).filter((m) => need === 'all' || !m.path.startsWith('input'));
    if (missing.length > 0) throw new InputError(issueLine(path, missing));
  }
  return resolved.value;
}
