/**
 * Example sets from the files a learner chooses: an `*.examples.json`, a pair of IDX files (the MNIST
 * format: images and labels, gzipped or not), a CSV of "label, pixels..." rows, or images that all
 * become examples of one class. Never throws: every problem comes back as an Issue naming the file.
 */
import { readExamples, type Example, type ExampleSet } from '../../src-core/learn/example-set';
import { readExamplesCsv } from '../../src-core/learn/example-csv';
import { IDX_MAX_VALUES, idxExamples, isGzip, readIdx, type IdxArray } from '../../src-core/io/idx';
import { imageToChannels } from '../../src-core/io/image-channels';
import type { Issue, Result } from '../../src-core/sheet/issues';
import { formatCount } from '../../src-core/sheet/issues';
import { isLightImage } from '../files/import-options';
import { readImportSource, type ChosenFile, type ImageDecoder } from '../files/import-source';

/** More examples than the drawer keeps from one file: the first ones are taken, and a warning says so. */
export const MAX_EXAMPLES = 5000;

/** The file types "Add images…" offers. */
export const IMAGES_ACCEPT = '.png,.jpg,.jpeg,.gif,.bmp,.webp,image/*';

export interface LoadedExamples {
  readonly set: ExampleSet;
  /** What to call the set in the drawer (the file's name, or the pair's). */
  readonly name: string;
}

/** Gunzips with the platform's DecompressionStream; a message when the data is not valid gzip. */
export async function gunzip(
  bytes: Uint8Array,
  name: string,
  limit = 4 * IDX_MAX_VALUES,
): Promise<Result<Uint8Array>> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        return fail(`${name}: unpacks to more than ${formatCount(limit)} bytes, over the limit`);
      }
      parts.push(value);
    }
  } catch {
    return fail(`${name}: the gzip data is damaged or cut short`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { ok: true, value: out, warnings: [] };
}

function fail<T>(message: string): Result<T> {
  return { ok: false, errors: [{ path: '', message }], warnings: [] };
}

/** An IDX file starts with two zero bytes, a type code (0x08 to 0x0E) and a number of dimensions. */
function looksIdx(bytes: Uint8Array): boolean {
  const type = bytes[2] ?? 0;
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && type >= 0x08 && type <= 0x0e;
}

function extension(name: string): string {
  const m = /\.([a-z0-9-]+)$/i.exec(name);
  return m === null ? '' : (m[1] ?? '').toLowerCase();
}

/** The first MAX_EXAMPLES examples, with a warning when there were more. */
function capped(set: ExampleSet, name: string, warnings: Issue[]): ExampleSet {
  if (set.examples.length <= MAX_EXAMPLES) return set;
  warnings.push(leftOut(name, set.examples.length, 'examples'));
  return { classes: set.classes, examples: set.examples.slice(0, MAX_EXAMPLES) };
}

function leftOut(name: string, total: number, what: string): Issue {
  const most = formatCount(MAX_EXAMPLES);
  const message = `${name}: the first ${most} of its ${formatCount(total)} ${what} were taken (the drawer keeps at most ${most})`;
  return { path: '', message };
}

/**
 * Reads the chosen files as one example set: one `.json` or `.csv` file, or two IDX files (images and
 * labels, in either order). `shape` is the network's input shape, which a CSV row is read as.
 */
export async function readExampleFiles(
  files: readonly ChosenFile[],
  shape: readonly number[] | null,
): Promise<Result<LoadedExamples>> {
  if (files.length === 0) return fail('no file was chosen');
  const unpacked: ChosenFile[] = [];
  for (const f of files) {
    if (f.data.length === 0) return fail(`${f.name}: the file is empty`);
    if (!isGzip(f.data)) {
      unpacked.push(f);
      continue;
    }
    const r = await gunzip(f.data, f.name);
    if (!r.ok) return r;
    unpacked.push({ name: f.name, data: r.value });
  }
  const idx = unpacked.filter((f) => looksIdx(f.data));
  if (idx.length > 0) return readIdxPair(idx, unpacked.length);
  if (files.length > 1) {
    return fail(
      `${files.length} files were chosen: choose one .json or .csv file, or an IDX images file with its labels file`,
    );
  }
  const file = unpacked[0] as ChosenFile;
  const text = new TextDecoder().decode(file.data);
  const json = extension(file.name) === 'json' || text.trimStart().startsWith('{');
  const r = json ? readExamples(text) : readExamplesCsv(text, file.name, { shape });
  if (!r.ok) return { ...r, errors: r.errors.map((e) => (json ? named(e, file.name) : e)) };
  const warnings = [...r.warnings];
  return { ok: true, value: { set: capped(r.value, file.name, warnings), name: file.name }, warnings };
}

function named(issue: Issue, file: string): Issue {
  return {
    path: issue.path,
    message: `${file}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`,
  };
}

function readIdxPair(idx: readonly ChosenFile[], chosen: number): Result<LoadedExamples> {
  if (idx.length !== 2 || chosen !== 2) {
    const first = idx[0]?.name ?? '';
    return fail(
      `${first}: IDX files come in pairs: choose the images file and its labels file together (e.g. train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz)`,
    );
  }
  const arrays: { file: ChosenFile; array: IdxArray }[] = [];
  for (const file of idx) {
    const r = readIdx(file.data, file.name, MAX_EXAMPLES);
    if (!r.ok) return r;
    arrays.push({ file, array: r.value });
  }
  const labels = arrays.find((a) => a.array.dims.length === 1);
  const images = arrays.find((a) => a.array.dims.length >= 3);
  if (labels === undefined || images === undefined) {
    return fail(
      `${idx.map((f) => f.name).join(' and ')}: expected one images file (N x H x W) and one labels file (N); got ${arrays.map((a) => a.array.dims.join(' x ')).join(' and ')}`,
    );
  }
  if (labels.array.items !== images.array.items) {
    return fail(
      `${labels.file.name} holds ${formatCount(labels.array.items)} labels but ${images.file.name} holds ${formatCount(images.array.items)} images`,
    );
  }
  const bad = labels.array.data.findIndex((v) => !Number.isInteger(v) || v < 0);
  if (bad !== -1)
    return fail(
      `${labels.file.name}: label ${bad} (counting from 0) is ${labels.array.data[bad]}, not a class number`,
    );
  const r = idxExamples(images.array, labels.array);
  if (!r.ok)
    return {
      ...r,
      errors: r.errors.map((e) => named(e, `${images.file.name} and ${labels.file.name}`)),
    };
  const name = images.file.name;
  const warnings = [...r.warnings];
  const total = images.array.items;
  if (total > (images.array.dims[0] ?? 0)) warnings.push(leftOut(name, total, 'images'));
  return { ok: true, value: { set: r.value, name }, warnings };
}

/**
 * Images as examples of one class, each fitted to the network's input (C x H x W: gray for one
 * channel, RGB for three; scaled to fit, centred). With one channel, an image that is mostly light (ink
 * on paper) is inverted, so that its strokes are bright on black as MNIST's are.
 */
export async function readImageExamples(
  files: readonly ChosenFile[],
  shape: readonly number[],
  label: number,
  decode: ImageDecoder,
): Promise<{ examples: Example[]; errors: Issue[]; warnings: Issue[] }> {
  const [c = 1, h = 1, w = 1] = shape;
  const examples: Example[] = [];
  const errors: Issue[] = [];
  const inverted: string[] = [];
  for (const file of files) {
    const r = await readImportSource(file, decode);
    if (!r.ok) {
      errors.push({ path: '', message: r.message });
      continue;
    }
    if (r.source.kind !== 'image') {
      errors.push({ path: '', message: `${file.name}: not an image (PNG, JPEG, GIF, BMP or WebP)` });
      continue;
    }
    if (c !== 1 && c !== 3) {
      errors.push({
        path: '',
        message: `${file.name}: the network's input has ${c} channels; an image gives 1 (gray) or 3 (RGB)`,
      });
      continue;
    }
    const invert = c === 1 && isLightImage(r.source.image);
    if (invert) inverted.push(file.name);
    const input = imageToChannels(r.source.image, {
      channels: c === 3 ? 'rgb' : 'gray',
      width: w,
      height: h,
      fit: 'pad',
      invert,
    });
    examples.push({ input, label, target: null });
  }
  const warnings: Issue[] =
    inverted.length === 0
      ? []
      : [
          {
            path: '',
            message: `${inverted.join(', ')}: light ${inverted.length === 1 ? 'image' : 'images'} (dark strokes on white) inverted, to bright strokes on black`,
          },
        ];
  return { examples, errors, warnings };
}

/** A File as the name and bytes the readers take. */
export async function chosenFile(file: File): Promise<ChosenFile> {
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}
