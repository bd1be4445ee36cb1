/**
 * Which workbooks the operating system asked the app to open. Windows and Linux pass them on the
 * command line ("Open with", a double-click, `convsheet digit.convsheet.json`); macOS sends `open-file`
 * events instead. A second launch while the app runs hands its files to the first through
 * `additionalData`, because the `argv` Electron reports for it may be reordered and padded with
 * Chromium's own switches.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The extension of a workbook file, and the one Save As adds. */
export const WORKBOOK_EXTENSION = '.convsheet.json';

export interface ArgvContext {
  /** Working directory the paths are relative to (the second instance's own, for a second launch). */
  readonly cwd: string;
  /**
   * `process.defaultApp`: true when run as `electron <app folder> [files]` during development, where
   * the first argument after the switches is the app folder, not a file.
   */
  readonly defaultApp: boolean;
}

/** Switches that take their value as the next argument (`-r module`); every other switch is one word. */
const SWITCHES_WITH_VALUE = new Set(['-r', '--require']);

/** Whether a file name looks like something the app opens: any JSON file, checked when read. */
export function isOpenableName(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** A command-line argument as an absolute path: `file://` URLs (some Linux launchers) are converted. */
export function argumentPath(arg: string, cwd: string): string | null {
  if (arg.startsWith('file://')) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return null;
  return isAbsolute(arg) ? arg : resolve(cwd, arg);
}

/** The workbook files named on a command line, as absolute paths, in order, each once. */
export function filesFromArgv(argv: readonly string[], context: ArgvContext): string[] {
  const files: string[] = [];
  let skipAppFolder = context.defaultApp;
  let onlyFiles = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!onlyFiles && arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (!onlyFiles && arg.startsWith('-')) {
      if (SWITCHES_WITH_VALUE.has(arg)) i++;
      continue;
    }
    if (skipAppFolder) {
      skipAppFolder = false;
      continue;
    }
    const path = argumentPath(arg, context.cwd);
    if (path !== null && isOpenableName(path) && !files.includes(path)) files.push(path);
  }
  return files;
}

/** What a second launch sends to the running app. */
export interface SecondInstanceData {
  readonly files: readonly string[];
}

/**
 * The files in a second launch's `additionalData`, checked like any message from another process:
 * absolute paths of openable files only.
 */
export function filesFromSecondInstance(additionalData: unknown): string[] | null {
  if (typeof additionalData !== 'object' || additionalData === null) return null;
  const files = (additionalData as Record<string, unknown>).files;
  if (!Array.isArray(files)) return null;
  return files.filter(
    (f): f is string => typeof f === 'string' && f.length < 4096 && isAbsolute(f) && isOpenableName(f),
  );
}

/**
 * A Save As name with the workbook extension added when the user typed a bare name; a name the user
 * gave a `.json` ending keeps it, since the app opens any JSON workbook.
 */
export function withWorkbookExtension(path: string): string {
  return isOpenableName(path) ? path : `${path}${WORKBOOK_EXTENSION}`;
}
