import { evaluate } from '../src-core/sheet/evaluate';
import { parseWorkbook } from '../src-core/sheet/read';
import { resolveWorkbook } from '../src-core/sheet/shapes';
import { fastaiDigit } from '../src-core/presets/fastai-digit';
import { medianMs, printTable } from './timing';

// Evaluation of the fast.ai-sized workbook (1x28x28 digit, conv 2 3x3, ReLU, conv 2x2x3x3, ReLU,
// 2x2 max pool, dense 10): a full evaluation allocating fresh buffers, a full recompute reusing the
// previous buffers (what an edit to the input costs), and a recompute from conv2 (an edit to conv2).

const filters = [1, 1, 1, 0, 0, 0, -1, -1, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1];
const read = parseWorkbook({
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 28, 28], data: fastaiDigit },
  layers: [
    { type: 'conv2d', weight: { shape: [2, 1, 3, 3], data: filters } },
    { type: 'relu' },
    {
      type: 'conv2d',
      weight: { shape: [2, 2, 3, 3], data: Array.from({ length: 36 }, (_, i) => Math.sin(i)) },
    },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    {
      type: 'dense',
      weight: { shape: [10, 288], data: Array.from({ length: 2880 }, (_, i) => Math.cos(i) / 10) },
    },
  ],
});
if (!read.ok) throw new Error(read.errors[0]?.message);
const resolved = resolveWorkbook(read.value);
if (!resolved.ok) throw new Error(resolved.errors[0]?.message);
const r = resolved.value;

let previous = evaluate(r);
const fresh = medianMs(() => evaluate(r), { inner: 20 });
const reused = medianMs(() => (previous = evaluate(r, previous, 0)), { inner: 20 });
const fromConv2 = medianMs(() => (previous = evaluate(r, previous, 2)), { inner: 20 });

printTable(
  ['case', 'median ms', 'ratio to fresh'],
  [
    ['full evaluation, fresh buffers', fresh.toFixed(4), '1.00'],
    ['full recompute, reused buffers', reused.toFixed(4), (reused / fresh).toFixed(2)],
    ['recompute from conv2', fromConv2.toFixed(4), (fromConv2 / fresh).toFixed(2)],
  ],
);
