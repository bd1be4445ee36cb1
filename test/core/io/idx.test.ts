import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { idxExamples, isGzip, readIdx } from '../../../src-core/io/idx';
import { readExamples } from '../../../src-core/learn/example-set';

/** An IDX file written by hand: magic 00 00 08 <rank>, big-endian sizes, then unsigned bytes. */
function ubyteIdx(dims: number[], values: number[]): Uint8Array {
  const header = [
    0,
    0,
    0x08,
    dims.length,
    ...dims.flatMap((d) => [d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255]),
  ];
  return Uint8Array.from([...header, ...values]);
}

describe('IDX files', () => {
  it('reads a 2 x 2 x 3 images file and its labels, pixels scaled from 0..255 to 0..1', () => {
    const images = readIdx(ubyteIdx([2, 2, 3], [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255]), 'images');
    const labels = readIdx(ubyteIdx([2], [7, 3]), 'labels');
    if (!images.ok || !labels.ok) throw new Error('did not read');
    expect(images.value.dims).toEqual([2, 2, 3]);
    const set = idxExamples(images.value, labels.value);
    if (!set.ok) throw new Error(set.errors[0]?.message);
    // Labels 3 and 7 become classes 0 and 1, in increasing order.
    expect(set.value.classes).toEqual(['3', '7']);
    expect(set.value.examples.map((e) => e.label)).toEqual([1, 0]);
    expect(set.value.examples[0]?.input.shape).toEqual([1, 2, 3]);
    expect([...(set.value.examples[0]?.input.data ?? [])]).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('converts only the first maxItems items when asked, and says how many the file holds', () => {
    const r = readIdx(ubyteIdx([3, 1, 2], [1, 2, 3, 4, 5, 6]), 'images', 2);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(r.value.dims).toEqual([2, 1, 2]);
    expect([...r.value.data]).toEqual([1, 2, 3, 4]);
    expect(r.value.items).toBe(3);
    // The whole file is still checked: one byte short is refused even though it lies past the items read.
    expect(readIdx(ubyteIdx([3, 1, 2], [1, 2, 3, 4, 5]), 'images', 2).ok).toBe(false);
  });

  it('keeps chosen classes, relabelled in the order given, at most perClass of each', () => {
    const images = readIdx(ubyteIdx([5, 1, 1], [10, 20, 30, 40, 50]), 'images');
    const labels = readIdx(ubyteIdx([5], [3, 7, 1, 7, 3]), 'labels');
    if (!images.ok || !labels.ok) throw new Error('did not read');
    const set = idxExamples(images.value, labels.value, { classes: [7, 3], perClass: 1 });
    if (!set.ok) throw new Error(set.errors[0]?.message);
    expect(set.value.examples.map((e) => [e.label, (e.input.data[0] ?? 0) * 255])).toEqual([
      [1, 10],
      [0, 20],
    ]);
  });

  it('names what is wrong with a bad file', () => {
    const message = (bytes: Uint8Array) => {
      const r = readIdx(bytes, 'x.idx');
      return r.ok ? 'read' : r.errors[0]?.message;
    };
    expect(message(Uint8Array.from([1, 2, 3, 4]))).toMatch(/x\.idx: not an IDX file/);
    expect(message(ubyteIdx([3, 2, 2], [1, 2, 3]))).toBe(
      'x.idx: the file is cut short: 3 x 2 x 2 ubyte values need 28 bytes, it has 19',
    );
    expect(message(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toBe(
      'x.idx: the file is gzipped; decompress it first',
    );
    expect(message(ubyteIdx([60000, 1000, 1000], []))).toMatch(/over the limit/);
  });

  it('reads the Fashion-MNIST sample: 100 test images of 28 x 28, the first labels 9, 2, 1, 1, 6', () => {
    const gz = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../../samples/idx/${name}`, import.meta.url)));
    const imagesGz = gz('fashion-100-images-idx3-ubyte.gz');
    expect(isGzip(imagesGz)).toBe(true);
    const images = readIdx(new Uint8Array(gunzipSync(imagesGz)), 'images');
    const labels = readIdx(new Uint8Array(gunzipSync(gz('fashion-100-labels-idx1-ubyte.gz'))), 'labels');
    if (!images.ok || !labels.ok) throw new Error('did not read');
    expect(images.value.dims).toEqual([100, 28, 28]);
    // Fashion-MNIST's test set begins: ankle boot, pullover, trouser, trouser, shirt.
    expect([...labels.value.data.slice(0, 5)]).toEqual([9, 2, 1, 1, 6]);
  });
});

describe('the digit and clothing example sets in samples/', () => {
  it.each([
    ['mnist-3-vs-7', 200, ['3', '7']],
    ['mnist-digits', 300, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']],
    ['fashion-4-classes', 120, ['T-shirt/top', 'Trouser', 'Sneaker', 'Bag']],
  ])('%s holds %i examples of 1 x 28 x 28 in 0..1, classes %j', (name, count, classes) => {
    const text = readFileSync(
      new URL(`../../../samples/examples/${name}.examples.json`, import.meta.url),
      'utf8',
    );
    const set = readExamples(text);
    if (!set.ok) throw new Error(set.errors[0]?.message);
    expect(set.value.examples).toHaveLength(count);
    expect(set.value.classes).toEqual(classes);
    for (const e of set.value.examples) {
      expect(e.input.shape).toEqual([1, 28, 28]);
      expect(Math.min(...e.input.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...e.input.data)).toBeLessThanOrEqual(1);
    }
  });
});
