/**
 * Run-time checks of everything a page sends to the main process. TypeScript's types stop at the IPC
 * boundary: a page that was tricked into running someone else's script can send anything, so each
 * handler takes `unknown` and gets back a typed value or an IpcArgumentError naming what was wrong.
 */
import { isAbsolute } from 'node:path';
import type { AutosaveRequest, ExportRequest, SaveRequest, ViewToggles, ZoomChange } from './ipc';

export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError';
}

/**
 * Largest workbook text accepted (in UTF-16 code units): a VGG-16 with every weight written out is
 * about 1.5 GB and beyond the sheet's reach anyway; 256 Mi characters leaves room for any workbook the
 * sheet can show while keeping one message from exhausting main's memory.
 */
export const MAX_TEXT_LENGTH = 256 * 1024 * 1024;
/** Largest exported file: a spreadsheet of a big workbook, or a large heatmap. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
/** File types the app may export, and so the only extensions an export may be given. */
export const EXPORT_EXTENSIONS = ['xlsx', 'csv', 'png', 'json', 'svg', 'txt'] as const;

type Plain = Record<string, unknown>;

function plainObject(value: unknown, what: string, keys: readonly string[]): Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new IpcArgumentError(`${what} must be an object`);
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new IpcArgumentError(`${what} has unexpected keys: ${extra.join(', ')}`);
  return value as Plain;
}

/** The argument list of a request that takes none. */
export function noArguments(args: readonly unknown[]): void {
  if (args.length !== 0) throw new IpcArgumentError(`expected no arguments; got ${args.length}`);
}

/** The single argument of a request that takes one. */
export function oneArgument(args: readonly unknown[]): unknown {
  if (args.length !== 1) throw new IpcArgumentError(`expected one argument; got ${args.length}`);
  return args[0];
}

export function revisionOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new IpcArgumentError('revision must be a whole number, 0 or more');
  return value;
}

function textOf(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new IpcArgumentError(`${what} must be text`);
  if (value.length > MAX_TEXT_LENGTH) throw new IpcArgumentError(`${what} is larger than the limit`);
  return value;
}

export function saveRequestOf(value: unknown): SaveRequest {
  const o = plainObject(value, 'save request', ['text', 'revision', 'saveAs']);
  if (typeof o.saveAs !== 'boolean') throw new IpcArgumentError('saveAs must be true or false');
  return { text: textOf(o.text, 'text'), revision: revisionOf(o.revision), saveAs: o.saveAs };
}

export function autosaveRequestOf(value: unknown): AutosaveRequest {
  const o = plainObject(value, 'autosave request', ['text', 'revision']);
  return { text: textOf(o.text, 'text'), revision: revisionOf(o.revision) };
}

/** A path sent by the page (a recent file, a dropped file): absolute, and a JSON file by its name. */
export function workbookPathOf(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096)
    throw new IpcArgumentError('path must be non-empty text');
  if (value.includes('\0')) throw new IpcArgumentError('path must not contain NUL');
  if (!isAbsolute(value)) throw new IpcArgumentError('path must be absolute');
  if (!value.toLowerCase().endsWith('.json')) throw new IpcArgumentError('path must name a .json file');
  return value;
}

/**
 * A suggested export name: a bare file name (no folder, so the page cannot aim the dialog anywhere),
 * printable, with one of the export extensions.
 */
export function exportNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw new IpcArgumentError('suggestedName must be text of 1 to 200 characters');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\/:*?"<>|\u0000-\u001f]/.test(value) || value.startsWith('.'))
    throw new IpcArgumentError('suggestedName must be a plain file name');
  const dot = value.lastIndexOf('.');
  const extension = dot < 0 ? '' : value.slice(dot + 1).toLowerCase();
  if (!(EXPORT_EXTENSIONS as readonly string[]).includes(extension))
    throw new IpcArgumentError(`suggestedName must end with one of .${EXPORT_EXTENSIONS.join(', .')}`);
  return value;
}

export function exportRequestOf(value: unknown): ExportRequest {
  const o = plainObject(value, 'export request', ['suggestedName', 'data']);
  const suggestedName = exportNameOf(o.suggestedName);
  const data = o.data;
  if (typeof data === 'string') {
    if (data.length > MAX_EXPORT_BYTES) throw new IpcArgumentError('data is larger than the limit');
    return { suggestedName, data };
  }
  if (!(data instanceof Uint8Array)) throw new IpcArgumentError('data must be text or a Uint8Array');
  if (data.byteLength > MAX_EXPORT_BYTES) throw new IpcArgumentError('data is larger than the limit');
  return { suggestedName, data };
}

export function zoomChangeOf(value: unknown): ZoomChange {
  if (value === 'in' || value === 'out' || value === 'reset') return value;
  throw new IpcArgumentError('zoom change must be "in", "out" or "reset"');
}

export function viewTogglesOf(value: unknown): ViewToggles {
  const o = plainObject(value, 'view toggles', ['colours', 'numbers']);
  if (typeof o.colours !== 'boolean' || typeof o.numbers !== 'boolean')
    throw new IpcArgumentError('colours and numbers must be true or false');
  return { colours: o.colours, numbers: o.numbers };
}

/**
 * Whether a request comes from the app's own page: the top frame of one of the app's windows, showing
 * a page from one of the app's origins (its custom protocol; the dev server during development). A
 * frame's URL is checked by origin, never by prefix: "convsheet://app.evil" starts like "convsheet://app".
 */
export function isTrustedSender(
  sender: { readonly url: string; readonly isMainFrame: boolean; readonly isAppWindow: boolean },
  trustedOrigins: readonly string[],
): boolean {
  if (!sender.isMainFrame || !sender.isAppWindow) return false;
  let origin: string;
  try {
    const url = new URL(sender.url);
    // Non-special schemes (convsheet:) report origin "null"; rebuild it from its parts.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}

/**
 * Whether a link may be handed to the system browser: https only, no credentials in it. Anything else
 * (file:, javascript:, custom schemes that launch programs) is refused.
 */
export function isSafeExternalUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
