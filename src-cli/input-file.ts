/**
 * `eval --input FILE`: a new input for the workbook from a CSV grid, a PNG or JPEG image, or another
 * workbook's input (`*.convsheet.json`), as a C x H x W tensor. Every problem is an InputError naming the
 * file and the place; the workbook itself is never changed.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readCsvGrid } from '../src-core/io/csv';
import { imageToChannels } from '../src-core/io/image-channels';
import { describeContent, imageKindOf, type ImageKind } from '../src-core/io/image-header';
import { withNewInput } from '../src-core/io/input-fit';
import { readWorkbook } from '../src-core/sheet/read';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { Tensor } from '../src-core/tensor';
import { choiceOption, InputError, UsageError, type ParsedArgs } from './args';
import { decodeImage } from './image-file';
import { issueLine } from './workbook-file';

export type ChannelsChoice = 'gray' | 'rgb';

/** Larger files are refused before reading: a 4096 x 4096 CSV grid fits well within it. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

const IMAGE_EXTENSIONS: Record<string, ImageKind> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' };
const CSV_EXTENSIONS = ['.csv', '.tsv', '.txt'];

/** The file's bytes; a missing, unreadable, huge or empty file is an InputError naming it. */
export function readInputBytes(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a folder, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`);
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError(`${path}: the file is ${Math.round(size / 2 ** 20)} MB, over the limit of 512 MB`);
  }
  if (size === 0) throw new InputError(`${path}: the file is empty`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    throw new InputError(`${path}: cannot be read`);
  }
}

/**
 * The input held by `path`, by its extension: .csv/.tsv/.txt a grid (1 x H x W, numbers as written),
 * .png/.jpg/.jpeg an image (0..1, `channels` gray or rgb), .json a workbook's input.
 */
export function loadInputFile(path: string, channels: ChannelsChoice = 'gray'): Tensor {
  const ext = extname(path).toLowerCase();
  const bytes = readInputBytes(path);
  const imageKind = IMAGE_EXTENSIONS[ext];
  if (imageKind !== undefined) {
    const image = decodeImage(bytes, imageKind);
    if (typeof image === 'string') throw new InputError(`${path}: ${image}`);
    return imageToChannels(image, { channels });
  }
  if (CSV_EXTENSIONS.includes(ext)) {
    if (imageKindOf(bytes) !== null) {
      throw new InputError(`${path}: not a CSV text file: it holds ${describeContent(bytes)}`);
    }
    const grid = readCsvGrid(new TextDecoder().decode(bytes));
    if (!grid.ok) throw new InputError(issueLine(path, grid.errors));
    return grid.value.grid;
  }
  if (ext === '.json') {
    const text = new TextDecoder().decode(bytes);
    if (!/^\s*[[{]/.test(text.replace(/^\uFEFF/, ''))) {
      throw new InputError(`${path}: not a JSON file: it holds ${describeContent(bytes)}`);
    }
    const read = readWorkbook(text);
    if (!read.ok) throw new InputError(issueLine(path, read.errors));
    const { shape, data } = read.value.input;
    if (data === null) {
      throw new InputError(
        `${path}: input: no data (this workbook describes shapes only); --input needs values`,
      );
    }
    return { shape, data };
  }
  throw new InputError(
    `${path}: unknown kind of input file "${ext || '(no extension)'}": give a .csv grid, a .png or .jpg ` +
      'image, or a .convsheet.json workbook',
  );
}

/** The workbook with `input` in place of its own, or an InputError naming `path` and the rule broken. */
export function withInput(resolved: ResolvedWorkbook, input: Tensor, path: string): ResolvedWorkbook {
  const result = withNewInput(resolved.workbook, input);
  if (result.ok) return result.value;
  // The hint names the command line's option for reading an image as rgb or gray.
  const message = (result.errors[0]?.message ?? 'it does not fit').replace(
    /read as (rgb|gray)/,
    'read with --channels $1',
  );
  throw new InputError(`${path}: ${message}`);
}

/** `--input FILE [--channels gray|rgb]` of eval applied to the workbook; without --input, the workbook as it is. */
export function applyInputOption(resolved: ResolvedWorkbook, args: ParsedArgs): ResolvedWorkbook {
  const channels = choiceOption(args, 'channels', ['gray', 'rgb'] as const, 'gray') ?? 'gray';
  const path = args.options.get('input');
  if (path === undefined) {
    if (args.options.has('channels')) throw new UsageError('--channels applies to an --input image');
    return resolved;
  }
  return withInput(resolved, loadInputFile(path, channels), path);
}
