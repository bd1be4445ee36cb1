/**
 * Reading the files the app opens and checking the text it saves. Main hands a window only text that
 * `readWorkbook` accepts, and writes only text it accepts, so ConvSheet never saves a file it could not
 * open again; a file it refuses gets a message naming the file and the first problems in it.
 */
import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { readWorkbook } from '../src-core/sheet/read';
import { MAX_TEXT_LENGTH } from './validate';

/** Largest file read as a workbook; the same bound as the text a page may send. */
export const MAX_WORKBOOK_BYTES = MAX_TEXT_LENGTH;
/** Largest file read for Import Input (a photo or a CSV grid). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
export const INPUT_EXTENSIONS = ['png', 'jpg', 'jpeg', 'csv', 'txt', 'json'] as const;
/** How many of a refused file's problems the message lists. */
const SHOWN_PROBLEMS = 3;

export type FileRead<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type ReadFs = Pick<typeof nodeFs, 'stat' | 'readFile'>;

/** The name a window shows for its workbook. */
export function displayName(path: string | null): string {
  return path === null ? 'Untitled' : basename(path);
}

/** Null when `text` is a workbook the app can open; otherwise what is wrong with it. */
export function workbookProblems(text: string): string | null {
  const result = readWorkbook(text);
  if (result.ok) return null;
  const shown = result.errors
    .slice(0, SHOWN_PROBLEMS)
    .map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`));
  const more = result.errors.length - shown.length;
  return [...shown, ...(more > 0 ? [`(and ${more} more)`] : [])].join('\n');
}

async function readBounded(path: string, limit: number, fs: ReadFs): Promise<FileRead<Buffer>> {
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { ok: false, message: `${path} is not a file.` };
    size = stat.size;
  } catch (error) {
    return { ok: false, message: `${path} could not be read: ${reason(error)}.` };
  }
  if (size > limit)
    return {
      ok: false,
      message: `${basename(path)} is ${megabytes(size)}; the limit is ${megabytes(limit)}.`,
    };
  try {
    return { ok: true, value: await fs.readFile(path) };
  } catch (error) {
    return { ok: false, message: `${path} could not be read: ${reason(error)}.` };
  }
}

/** The text of a workbook file, checked. */
export async function readWorkbookFile(path: string, fs: ReadFs = nodeFs): Promise<FileRead<string>> {
  const bytes = await readBounded(path, MAX_WORKBOOK_BYTES, fs);
  if (!bytes.ok) return bytes;
  const text = bytes.value.toString('utf8');
  const problems = workbookProblems(text);
  if (problems !== null)
    return { ok: false, message: `${basename(path)} is not a workbook ConvSheet can open:\n${problems}` };
  return { ok: true, value: text };
}

/** The bytes of a file chosen with Import Input, decoded later by the page. */
export async function readInputFile(path: string, fs: ReadFs = nodeFs): Promise<FileRead<Uint8Array>> {
  const dot = path.lastIndexOf('.');
  const extension = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  if (!(INPUT_EXTENSIONS as readonly string[]).includes(extension))
    return { ok: false, message: `${basename(path)}: import a PNG or JPEG image, a CSV grid or a workbook.` };
  const bytes = await readBounded(path, MAX_INPUT_BYTES, fs);
  return bytes.ok ? { ok: true, value: new Uint8Array(bytes.value) } : bytes;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
