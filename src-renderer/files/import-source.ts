/**
 * A file chosen for import, read as far as it can be before any option is chosen: CSV text, decoded
 * image pixels, a loaded .xlsx workbook, or another workbook's input. What kind a file is comes from
 * its extension, or from its first bytes when the extension says nothing; a file whose bytes are not
 * what its extension promises is refused with a message saying what it holds.
 */
import type { RgbaImage } from '../../src-core/io/image-channels';
import {
  IMAGE_KIND_NAMES,
  describeContent,
  imageKindOf,
  readImageHeader,
  type ImageKind,
} from '../../src-core/io/image-header';
import type { XlsxSource } from '../../src-core/io/xlsx-range';
import { readWorkbook } from '../../src-core/sheet/read';
import { tensor, type Tensor } from '../../src-core/tensor';
import { problemsText } from './document';

export interface ChosenFile {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface XlsxBook extends XlsxSource {
  /** Each sheet's name and the range its cells use ("A1:AD40"), for the range to start from. */
  readonly sheets: readonly { readonly name: string; readonly used: string }[];
}

export type ImportSource =
  | { readonly kind: 'csv'; readonly name: string; readonly text: string }
  | {
      readonly kind: 'image';
      readonly name: string;
      readonly image: RgbaImage;
      /** "PNG", "JPEG", ... */
      readonly format: string;
    }
  | { readonly kind: 'xlsx'; readonly name: string; readonly book: XlsxBook }
  | { readonly kind: 'workbook'; readonly name: string; readonly input: Tensor };

export type SourceKind = ImportSource['kind'];

/** Either the source or one message naming the file and the problem. */
export type SourceResult =
  { readonly ok: true; readonly source: ImportSource } | { readonly ok: false; readonly message: string };

/** Decodes an image file's bytes to RGBA pixels: the browser's decoders in the app, a stub in tests. */
export type ImageDecoder = (bytes: Uint8Array, kind: ImageKind) => Promise<RgbaImage>;

const IMAGE_EXTENSIONS: Record<string, ImageKind> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  bmp: 'bmp',
  webp: 'webp',
};

/** The file types the file picker offers. */
export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.png,.jpg,.jpeg,.gif,.bmp,.webp,.xlsx,.json';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** What a file is, by its extension first and then by its first bytes. */
export function sourceKindOf(file: ChosenFile): SourceKind {
  const ext = extensionOf(file.name);
  if (ext in IMAGE_EXTENSIONS) return 'image';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'json') return 'workbook';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (imageKindOf(file.data) !== null) return 'image';
  if (ZIP.every((b, i) => file.data[i] === b)) return 'xlsx';
  const head = new TextDecoder().decode(file.data.subarray(0, 64)).trimStart();
  return head.startsWith('{') ? 'workbook' : 'csv';
}

function fail(file: ChosenFile, problem: string): SourceResult {
  return { ok: false, message: `${file.name}: ${problem}` };
}

/** Reads a chosen file as far as the import options start. Never throws: problems come back as text. */
export async function readImportSource(file: ChosenFile, decode: ImageDecoder): Promise<SourceResult> {
  const kind = sourceKindOf(file);
  if (file.data.length === 0) return fail(file, 'the file is empty');
  switch (kind) {
    case 'csv':
      // Decoded leniently: readCsvGrid reports replacement characters as binary data.
      return { ok: true, source: { kind, name: file.name, text: new TextDecoder().decode(file.data) } };
    case 'workbook':
      return readWorkbookInput(file);
    case 'image':
      return readImage(file, decode);
    case 'xlsx':
      return readXlsx(file);
  }
}

function readWorkbookInput(file: ChosenFile): SourceResult {
  const r = readWorkbook(new TextDecoder().decode(file.data));
  if (!r.ok) {
    return fail(file, problemsText(r.errors));
  }
  const input = r.value.input;
  if (input.data === null) return fail(file, 'the workbook describes shapes only: its input has no values');
  return { ok: true, source: { kind: 'workbook', name: file.name, input: tensor(input.shape, input.data) } };
}

async function readImage(file: ChosenFile, decode: ImageDecoder): Promise<SourceResult> {
  const expected = IMAGE_EXTENSIONS[extensionOf(file.name)] ?? null;
  const header = readImageHeader(file.data, expected);
  if (!header.ok) return fail(file, header.errors.map((e) => e.message).join('; '));
  const { kind, width, height } = header.value;
  try {
    const image = await decode(file.data, kind);
    if (image.width !== width || image.height !== height) {
      return fail(
        file,
        `the image decoded as ${image.width} x ${image.height}, but its header says ${width} x ${height}`,
      );
    }
    return { ok: true, source: { kind: 'image', name: file.name, image, format: IMAGE_KIND_NAMES[kind] } };
  } catch {
    return fail(
      file,
      `the ${IMAGE_KIND_NAMES[kind]} image (${width} x ${height}) could not be decoded: the file is damaged or cut short`,
    );
  }
}

async function readXlsx(file: ChosenFile): Promise<SourceResult> {
  if (!ZIP.every((b, i) => file.data[i] === b))
    return fail(file, `not an .xlsx spreadsheet: the file holds ${describeContent(file.data)}`);
  // Loaded only here: exceljs is large, and only an .xlsx import or export needs it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    const bytes = file.data.slice().buffer;
    await book.xlsx.load(bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(file, `not a readable .xlsx spreadsheet (${why})`);
  }
  if (book.worksheets.length === 0) return fail(file, 'the spreadsheet has no sheets');
  const sheets = book.worksheets.map((ws) => ({
    name: ws.name,
    used: ws.rowCount > 0 && ws.columnCount > 0 ? ws.dimensions.range : 'A1',
  }));
  return {
    ok: true,
    source: { kind: 'xlsx', name: file.name, book: { worksheets: book.worksheets, sheets } },
  };
}

/**
 * The browser's own decoders (PNG, JPEG, WebP, GIF's first frame, BMP). Without premultiplied alpha
 * and colour-space conversion the pixels are the file's own values: for PNG bit-identical to fast-png,
 * which the command line uses.
 */
export async function decodeInBrowser(bytes: Uint8Array, kind: ImageKind): Promise<RgbaImage> {
  const blob = new Blob([bytes as BlobPart], { type: `image/${kind}` });
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: pixels.width, height: pixels.height, data: pixels.data };
  } finally {
    bitmap.close();
  }
}
