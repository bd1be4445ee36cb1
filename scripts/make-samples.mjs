#!/usr/bin/env node
// Regenerates every derived file of samples/ and of the file-format test fixtures (test/fixtures/io,
// test/fixtures/bad) from their sources: the engine's own presets (through Vite's module runner, so the
// TypeScript sources are used as they are), shapes drawn here, and one Debian icon when it is installed.
// Run from the repository: `node scripts/make-samples.mjs`. Output is deterministic: no clock, no
// random generator without a fixed seed. samples/README.md lists each file with its source and licence.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { decode as decodePng, encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * A TypeScript module of the engine, loaded through Vite's module runner.
 * @param {string} path
 * @returns {Promise<any>}
 */
const load = async (path) => (await runnerImport(join(root, path))).module;
const { writeWorkbook } = await load('src-core/sheet/write.ts');
const { SAMPLE_WORKBOOKS } = await load('src-core/presets/workbooks.ts');
const { fastaiDigit } = await load('src-core/presets/fastai-digit.ts');
const { writeCsvGrid } = await load('src-core/io/csv.ts');
const { imageToChannels, resizeArea, gridToRgba } = await load('src-core/io/image-channels.ts');
const { writeExamples } = await load('src-core/learn/example-set.ts');
const { strokesSet, squaresDiamondsSet, hiddenFilterSet } = await load('src-core/learn/generated-sets.ts');

/** @type {string[]} */
const written = [];
/**
 * @param {string} path relative to the repository
 * @param {string | Uint8Array} content
 */
function write(path, content) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  written.push(path);
}

/** @typedef {{ width: number, height: number, data: Uint8Array }} Rgba */
/**
 * 8-bit RGBA pixels from a function of (x, y) giving [r, g, b] in 0..255.
 * @param {number} width
 * @param {number} height
 * @param {(x: number, y: number) => number[]} colour
 * @returns {Rgba}
 */
function paint(width, height, colour) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r = 0, g = 0, b = 0] = colour(x, y);
      data.set(
        [r, g, b, 255].map((v) => Math.max(0, Math.min(255, Math.round(v)))),
        4 * (y * width + x),
      );
    }
  return { width, height, data };
}
/** @param {Rgba} image */
const png = (image) => encodePng({ ...image, channels: 4, depth: 8 });
/**
 * @param {ArrayLike<number>} values an H x W grid in 0..1
 * @param {number} h
 * @param {number} w
 */
const grayPng = (values, h, w) => png(gridToRgba(values, h, w, { mode: 'gray' }));
/** @typedef {[number, number]} Point */

/**
 * Distance from (x, y) to the segment (ax, ay)-(bx, by).
 * @param {number} x
 * @param {number} y
 * @param {Point} a
 * @param {Point} b
 */
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/**
 * Black ink strokes (polylines, pen radius r, soft 1-pixel edge) on white paper, 28 x 28, as drawn.
 * @param {Point[][]} strokes
 * @param {number} r
 */
function drawDigit(strokes, r = 1.3) {
  return paint(28, 28, (x, y) => {
    let d = Infinity;
    for (const line of strokes)
      line.slice(1).forEach((end, k) => {
        d = Math.min(d, segmentDistance(x + 0.5, y + 0.5, line[k] ?? end, end));
      });
    const ink = Math.max(0, Math.min(1, r + 0.5 - d));
    return [255 * (1 - ink), 255 * (1 - ink), 255 * (1 - ink)];
  });
}
/**
 * An ellipse as a closed polyline.
 * @param {number} cx
 * @param {number} cy
 * @param {number} rx
 * @param {number} ry
 * @returns {Point[]}
 */
const ring = (cx, cy, rx, ry, n = 24) =>
  Array.from({ length: n + 1 }, (_, k) => [
    cx + rx * Math.sin((2 * Math.PI * k) / n),
    cy - ry * Math.cos((2 * Math.PI * k) / n),
  ]);

/**
 * A deterministic hash in 0..1 of a pixel, for a little photographic grain.
 * @param {number} x
 * @param {number} y
 */
const grain = (x, y) => {
  const s = Math.sin(x * 12.9898 + y * 78.233) * 43758.5453;
  return s - Math.floor(s);
};

// --- samples/workbooks: the app's sample gallery as files -----------------------------------------
for (const sample of SAMPLE_WORKBOOKS)
  write(`samples/workbooks/${sample.id}.convsheet.json`, writeWorkbook(sample.build()));

// --- samples/digits and samples/csv ------------------------------------------------------------------
write('samples/digits/fastai-digit.png', grayPng(fastaiDigit, 28, 28));
write('samples/csv/fastai-digit.csv', writeCsvGrid(fastaiDigit, 28, 28));
write('samples/digits/drawn-0.png', png(drawDigit([ring(14, 14, 6, 9)])));
write(
  'samples/digits/drawn-1.png',
  png(
    drawDigit([
      [
        [10, 8],
        [15, 4],
        [15, 24],
      ],
      [
        [10, 24],
        [20, 24],
      ],
    ]),
  ),
);
write(
  'samples/digits/drawn-7.png',
  png(
    drawDigit([
      [
        [7, 5],
        [21, 5],
        [12, 24],
      ],
      [
        [10, 14],
        [18, 14],
      ],
    ]),
  ),
);
const plus = [
  0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0,
];
write('samples/csv/plus-6x6.csv', writeCsvGrid(plus, 6, 6));
write('samples/csv/sobel-top-filter.csv', writeCsvGrid([1, 2, 1, 0, 0, 0, -1, -2, -1], 3, 3));
write(
  'samples/csv/blur-filter-semicolon.csv',
  writeCsvGrid([0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625], 3, 3, {
    delimiter: ';',
    decimalComma: true,
  }),
);
write(
  'samples/csv/pixels-0-255-with-header.csv',
  `x0,x1,x2,x3\r\n${writeCsvGrid([0, 64, 128, 255, 255, 128, 64, 0], 2, 4)}`,
);

// --- samples/images: a synthetic photo, a drawing, an icon ------------------------------------------
const scene = paint(96, 64, (x, y) => {
  const sky = [150 + y, 190 + y / 2, 245];
  const sun = Math.hypot(x - 70, y - 16) < 9 ? [255, 226, 120] : null;
  const hill = y > 40 + 6 * Math.sin(x / 11) ? [60 + y / 2, 140 - y / 3, 60] : null;
  const house = x >= 18 && x < 36 && y >= 34 && y < 52 ? [170, 60, 50] : null;
  const base = house ?? hill ?? sun ?? sky;
  const g = (grain(x, y) - 0.5) * 16;
  return base.map((v) => v + g);
});
write('samples/images/scene.jpg', jpeg.encode(scene, 90).data);
const picture = SAMPLE_WORKBOOKS.find((/** @type {{ id: string }} */ s) => s.id === 'picture')?.build().input;
if (picture) write('samples/images/shapes-64x64.png', grayPng(picture.data, 64, 64));
const icon = '/usr/share/icons/Adwaita/512x512/devices/camera-web.png';
if (existsSync(icon)) {
  // Laid over white and shrunk 512 -> 64 by area averaging, the same path an imported image takes.
  const decoded = decodePng(readFileSync(icon));
  const rgb = imageToChannels(
    { width: decoded.width, height: decoded.height, data: decoded.data },
    { channels: 'rgb' },
  );
  const small = resizeArea(rgb, 64, 64);
  const plane = 64 * 64;
  write(
    'samples/images/webcam-icon.png',
    png(paint(64, 64, (x, y) => [0, 1, 2].map((c) => 255 * small.data[c * plane + y * 64 + x]))),
  );
} else {
  console.warn(
    `${icon} not found (Debian package adwaita-icon-theme): samples/images/webcam-icon.png kept as it is`,
  );
}

// --- samples/examples: example sets for "Learn filter" -----------------------------------------------
write('samples/examples/strokes.examples.json', writeExamples(strokesSet({ count: 40, seed: 1 })));
write(
  'samples/examples/squares-diamonds.examples.json',
  writeExamples(squaresDiamondsSet({ count: 40, seed: 1 })),
);
write('samples/examples/hidden-sobel.examples.json', writeExamples(hiddenFilterSet({ count: 8, seed: 1 })));

// --- test/fixtures/io: small inputs whose numbers the CLI tests check by hand --------------------------
/**
 * A workbook file's text.
 * @param {object} input
 * @param {object[]} layers
 * @param {string} [name]
 */
const doc = (input, layers, name) =>
  `${JSON.stringify({ format: 'convsheet', version: 1, name, input, layers }, null, 1)}\n`;
const ramp = Array.from({ length: 16 }, (_, k) => k + 1);
write(
  'test/fixtures/io/tiny.convsheet.json',
  doc(
    { shape: [1, 4, 4], data: ramp.map((v) => v / 100) },
    [
      { type: 'conv2d', name: 'conv1', weight: { shape: [1, 1, 3, 3], data: [1, 1, 1, 1, 1, 1, 1, 1, 1] } },
      { type: 'relu' },
      { type: 'dense', name: 'fc1', weight: { shape: [2, 4], data: [1, 0, 0, 0, 0, 0, 0, 1] } },
    ],
    'sums of 3 x 3 windows',
  ),
);
write(
  'test/fixtures/io/tiny-rgb.convsheet.json',
  doc(
    { shape: [3, 2, 2], data: new Array(12).fill(0) },
    [{ type: 'conv2d', name: 'mix', weight: { shape: [1, 3, 1, 1], data: [1, 10, 100] } }],
    'r + 10 g + 100 b',
  ),
);
write('test/fixtures/io/grid-4x4.csv', writeCsvGrid(ramp, 4, 4));
write('test/fixtures/io/grid-5x5.csv', writeCsvGrid(new Array(25).fill(1), 5, 5));
write('test/fixtures/io/gray-4x4.png', png(paint(4, 4, (x, y) => new Array(3).fill(17 * (4 * y + x)))));
write(
  'test/fixtures/io/gray-4x4.jpg',
  jpeg.encode(
    paint(4, 4, (x, y) => new Array(3).fill(17 * (4 * y + x))),
    100,
  ).data,
);
write('test/fixtures/io/rgb-2x2.png', png(paint(2, 2, (x, y) => [51 * x, 51 * y, 255 * x * y])));
write(
  'test/fixtures/io/other-input.convsheet.json',
  doc({ shape: [1, 4, 4], data: ramp.map((v) => -v) }, []),
);

// --- test/fixtures/bad: one file per way a file can be wrong ------------------------------------------
/** @param {string} s */
const text = (s) => Buffer.from(s, 'utf8');
const goodPng = png(paint(8, 8, (x, y) => [32 * x, 32 * y, 0]));
const goodJpeg = jpeg.encode(
  paint(16, 16, (x, y) => [16 * x, 16 * y, 0]),
  90,
).data;
/** @param {number} n */
const u32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const hugePng = Uint8Array.from([
  ...goodPng.subarray(0, 16),
  ...u32(20000),
  ...u32(20000),
  ...goodPng.subarray(24),
]);
const sof = goodJpeg.indexOf(0xc0, 2); // FF C0: length (2), precision (1), height (2), width (2)
const hugeJpeg = Uint8Array.from(goodJpeg);
hugeJpeg.set([0x4e, 0x20, 0x4e, 0x20], sof + 4);
const damagedPng = Uint8Array.from(goodPng);
damagedPng.fill(0x55, 41, goodPng.length - 12); // IDAT contents overwritten, IEND kept
const gif = Uint8Array.from([...text('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 0x3b]);
const bad = {
  'empty.csv': '',
  'blank-lines.csv': '\n\n  \n',
  'ragged.csv': '1,2,3\n4,5,6\n7,8\n',
  'non-numeric.csv': '0.1,0.2,0.3\n0.4,abc,0.6\n',
  'header-only.csv': 'x1,x2,x3\n',
  'unclosed-quote.csv': '1,2\n3,"4\n',
  'png-named.csv': goodPng,
  'empty.png': '',
  'truncated.png': goodPng.subarray(0, Math.floor(goodPng.length / 2)),
  'text.png': '1,2,3\n4,5,6\n',
  'gif-named.png': gif,
  'huge-20000x20000.png': hugePng,
  'damaged.png': damagedPng,
  'empty.jpg': '',
  'truncated.jpg': goodJpeg.subarray(0, Math.floor(goodJpeg.length / 2)),
  'text.jpg': '{"format": "convsheet"}',
  'huge-20000x20000.jpg': hugeJpeg,
  'empty.convsheet.json': '',
  'truncated.convsheet.json':
    '{"format": "convsheet", "version": 1, "input": {"shape": [1, 2, 2], "data": [0, 1,',
  'wrong-format.convsheet.json': '{"format": "convsheet-examples", "version": 1, "examples": []}\n',
  'wrong-version.convsheet.json':
    '{"format": "convsheet", "version": 2, "input": {"shape": [1, 1, 1], "data": [0]}, "layers": []}\n',
  'not-json.convsheet.json': goodPng,
  'shape-only.convsheet.json':
    '{"format": "convsheet", "version": 1, "input": {"shape": [1, 4, 4]}, "layers": []}\n',
  'unknown.docx': 'not an input',
};
// Workbooks that break a rule each, example sets for `learn` with tiny.convsheet.json (input 1 x 4 x 4,
// output 2 x 1 x 1), IDX files, and files whose size claims would allocate gigabytes if believed.
/** @param {string} body a workbook's keys after format and version, as JSON text */
const wb = (body) => `{"format": "convsheet", "version": 1, ${body}}\n`;
/** @param {string} shape @param {unknown[]} data */
const flat = (shape, data) => `{"shape": [${shape}], "data": [${data.join(', ')}]}`;
const fill = (/** @type {number} */ n, /** @type {unknown} */ v) => new Array(n).fill(v);
const input16 = `"input": ${flat('1, 4, 4', ramp)}`;
/** @param {string} weight @param {string} [settings] */
const conv = (weight, settings = '') =>
  wb(`${input16}, "layers": [{"type": "conv2d", "weight": ${weight}${settings}}]`);
/** @param {string} list the examples as JSON text @param {string} [extra] keys before "examples" */
const ex = (list, extra = '') =>
  `{"format": "convsheet-examples", "version": 1, ${extra}"examples": ${list}}\n`;
const map16 = flat('1, 4, 4', fill(16, 0));
/** An IDX file: 00 00 <type> <rank>, big-endian sizes, values. @param {number} type @param {number[]} dims @param {number[]} values */
const idx = (type, dims, values) =>
  Uint8Array.from([0, 0, type, dims.length, ...dims.flatMap(u32), ...values]);
/** A PNG chunk: length, type, data, CRC of type and data. @param {string} type @param {Uint8Array} data */
const chunk = (type, data) => {
  const body = Buffer.concat([text(type), data]);
  return Buffer.concat([Buffer.from(u32(data.length)), body, Buffer.from(u32(crc32(body)))]);
};
/** IHDR of an 8-bit RGBA image. @param {number} w @param {number} h */
const ihdr = (w, h) => chunk('IHDR', Uint8Array.from([...u32(w), ...u32(h), 8, 6, 0, 0, 0]));
const pngOf = (/** @type {Buffer[]} */ ...chunks) =>
  Buffer.concat([goodPng.subarray(0, 8), ...chunks, chunk('IEND', new Uint8Array(0))]);
const idat = (/** @type {number} */ bytes) => chunk('IDAT', deflateSync(Buffer.alloc(bytes), { level: 9 }));
Object.assign(bad, {
  'nan-literal.convsheet.json': conv(flat('1, 1, 1, 1', ['NaN'])),
  'infinity-literal.convsheet.json': conv(flat('1, 1, 1, 1', ['-Infinity'])),
  '1e999.convsheet.json': conv(flat('1, 1, 1, 1', ['1e999'])),
  'string-in-data.convsheet.json': conv(flat('1, 1, 1, 1', ['"0.5"'])),
  'channel-mismatch.convsheet.json': conv(flat('1, 3, 1, 1', [1, 2, 3])),
  'kernel-too-big.convsheet.json': conv(flat('1, 1, 7, 7', fill(49, 1)), ', "padding": 1'),
  'reflect-too-big.convsheet.json': conv(
    flat('1, 1, 3, 3', fill(9, 1)),
    ', "padding": 4, "paddingMode": "reflect"',
  ),
  '101-layers.convsheet.json': wb(`${input16}, "layers": [${fill(101, '{"type": "relu"}')}]`),
  'input-4097-wide.convsheet.json': wb(`"input": ${flat('1, 1, 4097', fill(4097, 0))}, "layers": []`),
  'data-count.convsheet.json': wb(`"input": ${flat('1, 4, 4', ramp.slice(1))}, "layers": []`),
  'deep-ui.convsheet.json': wb(`${input16}, "layers": [], "ui": ${'['.repeat(1000)}${']'.repeat(1000)}`),
  'wrong-format.examples.json': wb(`"input": ${flat('1, 1, 1', [0])}, "layers": []`),
  'label-out-of-range.examples.json': ex(`[{"input": ${map16}, "label": 5}]`, '"classes": ["a", "b"], '),
  'target-wrong-shape.examples.json': ex(`[{"input": ${map16}, "target": ${flat('3, 1, 1', [0, 1, 2])}}]`),
  'ragged-data.examples.json': ex(
    `[{"input": ${flat('1, 4, 4', ['[0, 0, 0, 0]', '[0, 0, 0]', '[0]'])}, "label": 1}]`,
  ),
  'empty-list.examples.json': ex('[]'),
  'enormous-shape.examples.json': ex(`[{"input": ${flat('4096, 4096, 4096', [0])}, "label": 0}]`),
  'mixed-shapes.examples.json': ex(
    `[{"input": ${map16}, "label": 1}, {"input": ${flat('1, 2, 2', fill(4, 0))}, "label": 0}]`,
  ),
  'nan-literal.examples.json': ex(`[{"input": ${map16.replace('0, ', 'NaN, ')}, "label": 0}]`),
  'no-label.examples.json': ex(`[{"input": ${map16}}]`),
  'truncated.examples.json': ex(`[{"input": ${map16}, "label": 0}]`).slice(0, 60),
  'not-idx-images-idx3-ubyte': 'label,pixel1,pixel2\n7,0,255\n',
  'truncated-images-idx3-ubyte': idx(0x08, [10, 28, 28], fill(2 * 28 * 28, 0)),
  'gzipped-labels-idx1-ubyte': gzipSync(idx(0x08, [3], [7, 2, 1])),
  'huge-dims-images-idx3-ubyte': idx(0x08, [4_000_000_000, 4_000_000_000, 28], []),
  'zero-dims-images-idx3-ubyte': idx(0x08, [5, 0, 28], []),
  'nan-values-idx1-float': idx(0x0d, [2], [0x3f, 0x80, 0, 0, 0x7f, 0xc0, 0, 0]),
  'too-wide-5000-columns.csv': `${fill(5000, 0).join(',')}\n`,
  'too-tall-5000-rows.csv': '0\n'.repeat(5000),
  'two-headers.png': pngOf(ihdr(1, 1), ihdr(16000, 16000), idat(5)),
  'bomb-1x1.png': pngOf(ihdr(1, 1), idat(64 << 20)),
  'short-data.png': pngOf(ihdr(4, 4), idat(10)),
  'zero-size.png': pngOf(ihdr(0, 0), idat(1)),
  'no-frame.jpg': Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]),
});
for (const [name, content] of Object.entries(bad))
  write(`test/fixtures/bad/${name}`, typeof content === 'string' ? text(content) : content);

console.log(`wrote ${written.length} files:\n  ${written.join('\n  ')}`);
