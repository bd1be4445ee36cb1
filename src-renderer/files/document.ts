/**
 * The workbook as a document: the view settings saved with it under its `ui` key (CONTRACTS.md section
 * 2 keeps `ui` for exactly this: settings that never change a number), and the file names it is saved
 * and exported under.
 */
import type { Issue } from '../../src-core/sheet/issues';
import type { Workbook } from '../../src-core/sheet/types';
import type { ColourScaleName } from '../colour';
import { ZOOM_STEPS, type Normalise, type ViewSettings } from '../view';

/** The keys written under `ui`; other keys found there (another version's, a lesson's) are kept. */
export interface UiView {
  readonly zoom: number;
  readonly colourScale: ColourScaleName;
  readonly normalise: Normalise;
  readonly decimals: number;
}

const SCALES: readonly ColourScaleName[] = ['diverging', 'fastai'];
const NORMALISES: readonly Normalise[] = ['grid', 'layer', 'sheet'];
/** The decimals the toolbar offers. */
const MAX_DECIMALS = 4;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The workbook with `view` written under `ui`, every other `ui` key kept as it was. */
export function withView(workbook: Workbook, view: ViewSettings): Workbook {
  const ui: UiView = {
    zoom: view.zoom,
    colourScale: view.scale,
    normalise: view.normalise,
    decimals: view.decimals,
  };
  return { ...workbook, ui: { ...(isRecord(workbook.ui) ? workbook.ui : {}), ...ui } };
}

/**
 * The view a workbook was saved with, each setting checked on its own: one that is missing or out of
 * range (a hand-edited file, another version's) keeps the `current` one rather than refusing the file.
 * Null when the workbook carries no view settings at all.
 */
export function viewOf(workbook: Workbook, current: ViewSettings): ViewSettings | null {
  const ui = workbook.ui;
  if (!isRecord(ui)) return null;
  const zoom = ui.zoom;
  const scale = ui.colourScale;
  const normalise = ui.normalise;
  const decimals = ui.decimals;
  const lowest = ZOOM_STEPS[0];
  const highest = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 2;
  const found = {
    zoom: typeof zoom === 'number' && zoom >= lowest && zoom <= highest ? zoom : undefined,
    scale: SCALES.find((s) => s === scale),
    normalise: NORMALISES.find((n) => n === normalise),
    decimals:
      typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS
        ? decimals
        : undefined,
  };
  if (Object.values(found).every((v) => v === undefined)) return null;
  return {
    zoom: found.zoom ?? current.zoom,
    scale: found.scale ?? current.scale,
    normalise: found.normalise ?? current.normalise,
    decimals: found.decimals ?? current.decimals,
  };
}

export const WORKBOOK_EXTENSION = '.convsheet.json';

/**
 * A name safe on every file system: no path separators, no characters Windows refuses, no control
 * characters, not empty, at most 80 characters.
 */
export function safeFileBase(text: string): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s-]+$/g, '');
  return cleaned.slice(0, 80) || 'workbook';
}

/** The file a workbook is saved as: the name it was opened or saved under, else its title. */
export function workbookFileName(fileName: string | null, workbook: Workbook): string {
  if (fileName !== null) return fileName;
  return `${safeFileBase(workbook.name ?? 'workbook')}${WORKBOOK_EXTENSION}`;
}

/** A file name without `.convsheet.json` (or `.json`): what exports start their names with. */
export function baseName(fileName: string): string {
  return fileName.replace(/(\.convsheet)?\.json$/i, '') || 'workbook';
}

/** An export's file name: the document's base name, then what it holds ("digit - conv1 filter 1.csv"). */
export function exportFileName(documentName: string, what: string, extension: string): string {
  return `${safeFileBase(`${baseName(documentName)} - ${what}`)}.${extension}`;
}

/**
 * The first problems of a file, one after another. Most messages already name their place
 * (`layers[1] (conv2): ...`); the place is added only where one does not, as the command line does.
 */
export function problemsText(errors: readonly Issue[], most = 2): string {
  const shown = errors
    .slice(0, most)
    .map((e) => (e.path === '' || e.message.includes(e.path) ? e.message : `${e.path}: ${e.message}`));
  const more = errors.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
}
