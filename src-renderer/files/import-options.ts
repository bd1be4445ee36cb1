/**
 * The choices an import offers for each kind of file, their defaults, and the grid they give. Pure: the
 * preview dialog calls `gridOf` on every change of an option, and tests call it directly.
 */
import { readCsvGrid, type CsvDelimiter } from '../../src-core/io/csv';
import { imageToChannels, type FitMode, type RgbaImage } from '../../src-core/io/image-channels';
import { readXlsxRange } from '../../src-core/io/xlsx-range';
import type { Issue } from '../../src-core/sheet/issues';
import type { Tensor } from '../../src-core/tensor';
import type { ImportSource } from './import-source';

export interface CsvChoice {
  readonly kind: 'csv';
  readonly delimiter: CsvDelimiter | 'auto';
  readonly header: 'auto' | 'yes' | 'no';
  /** 'none': as written; '255': divided by 255 (pixel values to 0..1); 'auto': divided when they look like pixels. */
  readonly scale: 'none' | '255' | 'auto';
}

export interface ImageChoice {
  readonly kind: 'image';
  readonly channels: 'gray' | 'rgb';
  readonly invert: boolean;
  /** 'own': the image's own size; otherwise the size below, fitted this way. */
  readonly fit: FitMode | 'own';
  readonly width: number;
  readonly height: number;
}

export interface XlsxChoice {
  readonly kind: 'xlsx';
  readonly sheet: string;
  readonly range: string;
}

export interface WorkbookChoice {
  readonly kind: 'workbook';
}

export type ImportChoice = CsvChoice | ImageChoice | XlsxChoice | WorkbookChoice;

/** The grid an import gives: C x H x W, with what was done to get it ("comma-separated, header row skipped"). */
export type GridOutcome =
  | { readonly ok: true; readonly grid: Tensor; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** What the import is going into: its shape decides the defaults (an image is resized to fit it). */
export interface ImportWant {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** True when the grid it replaces is mostly dark (bright strokes on black, as MNIST digits). */
  readonly dark: boolean;
}

/**
 * True when an image is mostly light (its mean BT.601 gray, laid over white, is above one half): ink on
 * paper. A photo of millions of pixels is judged from about a million of them, evenly spread.
 */
export function isLightImage(image: RgbaImage): boolean {
  const pixels = image.width * image.height;
  const step = Math.max(1, Math.floor(pixels / 1_000_000));
  const px = image.data;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < pixels; i += step) {
    const a = (px[4 * i + 3] ?? 255) / 255;
    const gray = (299 * (px[4 * i] ?? 0) + 587 * (px[4 * i + 1] ?? 0) + 114 * (px[4 * i + 2] ?? 0)) / 1000;
    sum += gray * a + 255 * (1 - a);
    n++;
  }
  return sum / n > 127.5;
}

/** The choices a file starts with: an image is sized and coloured as the grid it goes into. */
export function defaultChoice(source: ImportSource, want: ImportWant): ImportChoice {
  switch (source.kind) {
    case 'csv':
      return { kind: 'csv', delimiter: 'auto', header: 'auto', scale: 'none' };
    case 'image':
      return {
        kind: 'image',
        channels: want.channels === 3 ? 'rgb' : 'gray',
        // Ink on paper going where bright strokes on black were (a digit): inverted, as MNIST is.
        invert: want.dark && isLightImage(source.image),
        fit: 'pad',
        width: want.width,
        height: want.height,
      };
    case 'xlsx': {
      const first = source.book.sheets[0];
      return { kind: 'xlsx', sheet: first?.name ?? '', range: first?.used ?? 'A1' };
    }
    case 'workbook':
      return { kind: 'workbook' };
  }
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

function issuesText(errors: readonly Issue[]): string {
  return errors.map((e) => e.message).join('; ');
}

/** The grid of `source` under `choice`, or the message naming the file and the problem. */
export function gridOf(source: ImportSource, choice: ImportChoice): GridOutcome {
  const fail = (problem: string): GridOutcome => ({ ok: false, message: `${source.name}: ${problem}` });
  if (source.kind === 'csv' && choice.kind === 'csv') {
    const r = readCsvGrid(source.text, {
      delimiter: choice.delimiter,
      header: choice.header === 'auto' ? 'auto' : choice.header === 'yes',
      scale: choice.scale,
    });
    if (!r.ok) return fail(issuesText(r.errors));
    const v = r.value;
    const notes = [`${DELIMITER_NAMES[v.delimiter]}-separated`];
    if (v.header !== null) notes.push('header row skipped');
    if (v.scaled) notes.push('divided by 255');
    else if (choice.scale === 'none' && looksLikePixels(v.grid.data))
      notes.push('values lie in 0..255: if they are pixel values, choose "divide by 255"');
    notes.push(...r.warnings.map((w) => w.message));
    return { ok: true, grid: v.grid, notes };
  }
  if (source.kind === 'image' && choice.kind === 'image') {
    const { image } = source;
    const sized = choice.fit !== 'own';
    for (const [what, n] of [
      ['width', choice.width],
      ['height', choice.height],
    ] as const) {
      if (sized && (!Number.isInteger(n) || n < 1 || n > 4096))
        return fail(`the ${what} must be a whole number from 1 to 4096; got ${n}`);
    }
    const grid = imageToChannels(image, {
      channels: choice.channels,
      invert: choice.invert,
      ...(sized ? { width: choice.width, height: choice.height, fit: choice.fit } : {}),
    });
    const notes = [
      `${source.format} ${image.width} x ${image.height}`,
      choice.channels === 'rgb' ? 'RGB' : 'gray',
    ];
    if (choice.invert) notes.push('inverted');
    if (sized && (choice.width !== image.width || choice.height !== image.height))
      notes.push(`${FIT_NOTES[choice.fit]} to ${choice.height} x ${choice.width}`);
    return { ok: true, grid, notes };
  }
  if (source.kind === 'xlsx' && choice.kind === 'xlsx') {
    const r = readXlsxRange(source.book, choice.range, choice.sheet);
    if (!r.ok) return fail(issuesText(r.errors));
    return {
      ok: true,
      grid: r.value.grid,
      notes: [`sheet "${r.value.sheet}", ${choice.range.trim().toUpperCase()}`],
    };
  }
  if (source.kind === 'workbook') return { ok: true, grid: source.input, notes: ["the workbook's input"] };
  return fail('these options are for another kind of file');
}

/** Values in 0..255 with some above 1: what a grayscale image saved as numbers looks like. */
function looksLikePixels(values: Float64Array): boolean {
  let max = -Infinity;
  for (const v of values) {
    if (v < 0 || v > 255) return false;
    max = Math.max(max, v);
  }
  return max > 1;
}

const FIT_NOTES: Record<FitMode, string> = {
  pad: 'fitted whole (padded)',
  crop: 'filled (cropped)',
  stretch: 'stretched',
};
