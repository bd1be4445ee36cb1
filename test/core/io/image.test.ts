import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import {
  areaWeights,
  gridToRgba,
  imageToChannels,
  resizeArea,
  type RgbaImage,
} from '../../../src-core/io/image-channels';
import { tensor } from '../../../src-core/tensor';
import { decodeImage } from '../../../src-cli/image-file';

/** An RGBA image from [r, g, b, a] pixels, row-major. */
function rgba(width: number, height: number, pixels: number[][]): RgbaImage {
  return { width, height, data: Uint8ClampedArray.from(pixels.flat()) };
}

describe('RGBA pixels to channels', () => {
  it('grayscale is BT.601 luma, 0.299 R + 0.587 G + 0.114 B, scaled to 0..1', () => {
    const image = rgba(4, 1, [
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
      [100, 150, 200, 255],
    ]);
    const gray = imageToChannels(image);
    expect(gray.shape).toEqual([1, 1, 4]);
    // (0.299 * 100 + 0.587 * 150 + 0.114 * 200) / 255 = 140.75 / 255
    const want = [0.299, 0.587, 0.114, 140.75 / 255];
    gray.data.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 15));
  });

  it('a gray pixel (v, v, v) gives exactly v / 255', () => {
    const gray = imageToChannels(
      rgba(3, 1, [
        [0, 0, 0, 255],
        [51, 51, 51, 255],
        [255, 255, 255, 255],
      ]),
    );
    expect(Array.from(gray.data)).toEqual([0, 0.2, 1]);
  });

  it('rgb gives three channels, R then G then B', () => {
    const rgb = imageToChannels(
      rgba(2, 1, [
        [255, 51, 0, 255],
        [0, 102, 255, 255],
      ]),
      { channels: 'rgb' },
    );
    expect(rgb.shape).toEqual([3, 1, 2]);
    expect(Array.from(rgb.data)).toEqual([1, 0, 0.2, 0.4, 0, 1]);
  });

  it('transparent pixels lie over white by default, or over black', () => {
    const image = rgba(3, 1, [
      [0, 0, 0, 0],
      [0, 0, 0, 255],
      [0, 0, 0, 51],
    ]);
    // black at alpha 51/255 over white: 255 * (1 - 0.2) = 204 -> 0.8
    expect(Array.from(imageToChannels(image).data)).toEqual([1, 0, 0.8]);
    expect(Array.from(imageToChannels(image, { background: 'black' }).data)).toEqual([0, 0, 0]);
  });

  it('invert gives 1 - value: dark ink on white paper becomes an MNIST-like bright stroke', () => {
    const inverted = imageToChannels(
      rgba(2, 1, [
        [255, 255, 255, 255],
        [51, 51, 51, 255],
      ]),
      { invert: true },
    );
    expect(Array.from(inverted.data)).toEqual([0, 0.8]);
  });
});

describe('area-averaging resize', () => {
  it('4 x 4 -> 2 x 2 takes the mean of each 2 x 2 block', () => {
    const src = tensor(
      [1, 4, 4],
      Array.from({ length: 16 }, (_, k) => k),
    );
    // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
    expect(Array.from(resizeArea(src, 2, 2).data)).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('3 -> 2 weighs the middle cell half into each output: out0 = (v0 + v1/2) / 1.5', () => {
    expect(areaWeights(3, 2)).toEqual([
      [
        { index: 0, weight: 2 / 3 },
        { index: 1, weight: 1 / 3 },
      ],
      [
        { index: 1, weight: 1 / 3 },
        { index: 2, weight: 2 / 3 },
      ],
    ]);
    // rows [1 2 3; 4 5 6; 7 8 9] -> [2 3 4; 6 7 8] -> columns [7/3 11/3; 19/3 23/3]
    const src = tensor([1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const out = Array.from(resizeArea(src, 2, 2).data);
    [7 / 3, 11 / 3, 19 / 3, 23 / 3].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 14));
  });

  it('resizes every channel the same way', () => {
    const src = tensor([2, 2, 2], [1, 2, 3, 4, 10, 20, 30, 40]);
    expect(Array.from(resizeArea(src, 1, 1).data)).toEqual([2.5, 25]);
  });

  it('fit modes on a 4 x 2 (wide) image made 2 x 2: pad, crop, stretch', () => {
    // columns 0.2 0.4 0.6 0.8 on both rows (51, 102, 153, 204 / 255)
    const row = [51, 102, 153, 204].map((v) => [v, v, v, 255]);
    const image = rgba(4, 2, [...row, ...row]);
    const fit = (mode: 'pad' | 'crop' | 'stretch') =>
      Array.from(imageToChannels(image, { width: 2, height: 2, fit: mode }).data).map(
        (v) => Math.round(v * 1000) / 1000,
      );
    // pad: the image becomes 2 x 1 (pairs of columns averaged: 0.3, 0.7) on top, a padded row of 0 below
    expect(fit('pad')).toEqual([0.3, 0.7, 0, 0]);
    // crop: the middle 2 x 2 (columns 1 and 2) as it is
    expect(fit('crop')).toEqual([0.4, 0.6, 0.4, 0.6]);
    // stretch: columns averaged in pairs, rows kept
    expect(fit('stretch')).toEqual([0.3, 0.7, 0.3, 0.7]);
  });

  it('one side given keeps the aspect ratio', () => {
    const image = rgba(4, 2, new Array<number[]>(8).fill([0, 0, 0, 255]));
    expect(imageToChannels(image, { width: 2 }).shape).toEqual([1, 1, 2]);
    expect(imageToChannels(image, { height: 4 }).shape).toEqual([1, 4, 8]);
  });
});

describe('channels to pixels', () => {
  it("heatmap: the sheet's diverging scale, limit = largest absolute value", () => {
    const image = gridToRgba([-2, 0, 1], 1, 3);
    // -2 is the full blue (33, 102, 172); 0 white; 1 halfway from white to (178, 24, 43)
    expect(Array.from(image.data)).toEqual([33, 102, 172, 255, 255, 255, 255, 255, 217, 140, 149, 255]);
  });

  it('gray: 0..1 as black..white; cellSize draws each cell as a square', () => {
    const image = gridToRgba([0, 1], 1, 2, { mode: 'gray', cellSize: 2 });
    expect([image.width, image.height]).toEqual([4, 2]);
    expect(Array.from(image.data.filter((_, i) => i % 4 === 0))).toEqual([0, 0, 255, 255, 0, 0, 255, 255]);
  });

  it('a grayscale map exported as PNG and imported again gives its values within 1/255', () => {
    const values = [0, 0.1, 0.25, 1 / 3, 0.5, 0.77, 0.999, 1, 0.0042];
    const png = gridToRgba(values, 3, 3, { mode: 'gray' });
    const bytes = encodePng({ width: 3, height: 3, data: png.data, channels: 4, depth: 8 });
    const decoded = decodeImage(bytes, 'png');
    if (typeof decoded === 'string') throw new Error(decoded);
    const back = imageToChannels(decoded);
    expect(back.shape).toEqual([1, 3, 3]);
    back.data.forEach((v, i) => expect(Math.abs(v - (values[i] ?? NaN))).toBeLessThanOrEqual(0.5 / 255));
    // values on the 1/255 grid come back exactly
    expect(back.data[0]).toBe(0);
    expect(back.data[7]).toBe(1);
  });
});

describe('decoding files (the command line path)', () => {
  it('PNG colour types: gray 8-bit, gray+alpha, RGB 16-bit', () => {
    const gray = encodePng({ width: 2, height: 1, data: Uint8Array.from([0, 51]), channels: 1, depth: 8 });
    const grayAlpha = encodePng({
      width: 1,
      height: 1,
      data: Uint8Array.from([255, 0]),
      channels: 2,
      depth: 8,
    });
    const rgb16 = encodePng({
      width: 1,
      height: 1,
      data: Uint16Array.from([65535, 0, 13107]),
      channels: 3,
      depth: 16,
    });
    const pixels = (bytes: Uint8Array) => {
      const d = decodeImage(bytes, 'png');
      if (typeof d === 'string') throw new Error(d);
      return Array.from(d.data);
    };
    expect(pixels(gray)).toEqual([0, 0, 0, 255, 51, 51, 51, 255]);
    expect(pixels(grayAlpha)).toEqual([255, 255, 255, 0]);
    // 16-bit to 8-bit: v / 257 rounded (13107 / 257 = 51)
    expect(pixels(rgb16)).toEqual([255, 0, 51, 255]);
  });

  it('JPEG through jpeg-js, within a tolerance (decoders differ by up to 3/255; the encoding loses a little)', () => {
    const w = 16;
    const h = 16;
    const data = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const v = 8 * x + 4 * y; // a smooth ramp, 0..180
        data.set([v, v, v, 255], 4 * (y * w + x));
      }
    const file = jpeg.encode({ width: w, height: h, data }, 95).data;
    const decoded = decodeImage(new Uint8Array(file), 'jpeg');
    if (typeof decoded === 'string') throw new Error(decoded);
    const gray = imageToChannels(decoded);
    let worst = 0;
    for (let i = 0; i < w * h; i++)
      worst = Math.max(worst, Math.abs((gray.data[i] ?? 0) - (data[4 * i] ?? 0) / 255));
    expect(worst).toBeLessThanOrEqual(4 / 255);
  });
});
