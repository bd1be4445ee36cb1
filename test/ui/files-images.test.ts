import { decode, encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { evaluate } from '../../src-core/sheet/evaluate';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { readWorkbook } from '../../src-core/sheet/read';
import tinyText from '../fixtures/io/tiny.convsheet.json?raw';
import { gridPng, pngCellSize } from '../../src-renderer/files/grid-export';
import { gridOf } from '../../src-renderer/files/import-options';
import { decodeInBrowser, readImportSource } from '../../src-renderer/files/import-source';
import { layoutSheet, sheetPng } from '../../src-renderer/files/sheet-png';
import { sheetBlocks } from '../../src-renderer/sheet-model';
import { DEFAULT_VIEW } from '../../src-renderer/view';

// Images through Chromium's own decoders and canvas: what the app does with a PNG, JPEG or GIF.

function resolved(workbook: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(workbook);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value;
}

/** tiny.convsheet.json: a 1 x 4 x 4 input and one 3 x 3 filter of ones, no bias: each output sums a window. */
function tiny(): Workbook {
  const r = readWorkbook(tinyText);
  if (!r.ok) throw new Error('fixture');
  return r.value;
}

describe('decoding in the browser', () => {
  it("gives a PNG's own RGBA values, as fast-png does", async () => {
    const data = new Uint8Array([
      0, 0, 0, 255, 17, 34, 51, 255, 255, 255, 255, 255, 200, 100, 50, 255, 1, 2, 3, 255, 128, 128, 128, 255,
    ]);
    const png = encode({ width: 3, height: 2, data, channels: 4, depth: 8 });
    const image = await decodeInBrowser(png, 'png');
    expect([image.width, image.height]).toEqual([3, 2]);
    expect([...image.data]).toEqual([...data]);
    expect([...decode(png).data]).toEqual([...data]);
  });

  it('reads a GIF first frame and a JPEG, and refuses a PNG cut short by name', async () => {
    // A 1 x 1 GIF whose only colour is (255, 0, 0).
    const gif = Uint8Array.from(atob('R0lGODdhAQABAIAAAP8AAAAAACwAAAAAAQABAAACAkQBADs='), (c) =>
      c.charCodeAt(0),
    );
    const r = await readImportSource({ name: 'red.gif', data: gif }, decodeInBrowser);
    if (!r.ok || r.source.kind !== 'image') throw new Error(r.ok ? 'not an image' : r.message);
    expect([...r.source.image.data]).toEqual([255, 0, 0, 255]);

    const png = encode({ width: 8, height: 8, data: new Uint8Array(256).fill(200), channels: 4, depth: 8 });
    const cut = await readImportSource({ name: 'cut.png', data: png.subarray(0, 40) }, decodeInBrowser);
    expect(cut.ok ? '' : cut.message).toBe(
      'cut.png: the PNG image (8 x 8) could not be decoded: the file is damaged or cut short',
    );
  });
});

describe('PNG export', () => {
  it('a gray map exported and imported again gives its values to within 1/255', async () => {
    // A 5 x 7 grid of values in 0..1, not on the 1/255 grid.
    const values = Float64Array.from(
      { length: 35 },
      (_, i) => ((i * 37) % 35) / 34 + (i % 2 === 0 ? 0.001 : -0.001),
    );
    values[0] = 0;
    values[34] = 1;
    const png = gridPng(values, 5, 7, 'gray', DEFAULT_VIEW, 1);
    const source = await readImportSource({ name: 'map.png', data: png }, decodeInBrowser);
    if (!source.ok) throw new Error(source.message);
    const back = gridOf(source.source, {
      kind: 'image',
      channels: 'gray',
      invert: false,
      fit: 'own',
      width: 1,
      height: 1,
    });
    if (!back.ok) throw new Error(back.message);
    expect(back.grid.shape).toEqual([1, 5, 7]);
    const worst = Math.max(...[...values].map((v, i) => Math.abs(v - (back.grid.data[i] ?? NaN))));
    // Rounded to the nearest 1/255: at most half a step off.
    expect(worst).toBeLessThanOrEqual(0.5 / 255 + 1e-12);
  });

  it("a heatmap has the sheet's colours, each cell a square", () => {
    const png = gridPng(Float64Array.from([-2, 0, 2, 1]), 2, 2, 'heatmap', DEFAULT_VIEW, 2);
    const image = decode(png);
    const k = pngCellSize(2, 2);
    expect(k).toBe(128);
    expect([image.width, image.height]).toEqual([256, 256]);
    const at = (x: number, y: number) => [...image.data.subarray(4 * (y * 256 + x), 4 * (y * 256 + x) + 3)];
    expect(at(0, 0)).toEqual([33, 102, 172]); // -2 at the limit: the scale's blue end
    expect(at(200, 0)).toEqual([255, 255, 255]); // 0: white
    expect(at(0, 200)).toEqual([178, 24, 43]); // 2: the red end
    // 1 is half way from white to red: 255 + (178 - 255) / 2 = 216.5 -> 217, and so on.
    expect(at(255, 255)).toEqual([217, 140, 149]);
  });
});

describe('the sheet as one PNG', () => {
  it('draws the chosen blocks in the sheet colours on white', async () => {
    const r = resolved(tiny());
    const evaluation = evaluate(r);
    const blocks = sheetBlocks(r);
    const layout = layoutSheet(blocks, { cell: 8 });
    const filter = layout.grids.find((g) => g.grid.label === 'conv1 filter 1');
    if (filter === undefined) throw new Error('no filter');
    const png = await sheetPng(layout, DEFAULT_VIEW, (g) => ({
      values: g.source.kind === 'parameter' ? new Float64Array(9).fill(1) : evaluation.input.data,
      limit: 1,
    }));
    const image = decode(png);
    expect([image.width, image.height]).toEqual([layout.width, layout.height]);
    const at = (x: number, y: number) => [
      ...image.data.subarray(4 * (y * image.width + x), 4 * (y * image.width + x) + 3),
    ];
    expect(at(2, 2)).toEqual([255, 255, 255]);
    // The centre of the filter's top-left cell, away from its number: 1 at limit 1 is the red end.
    expect(at(filter.x + 3, filter.y + 3)).toEqual([178, 24, 43]);
  });

  it('lays out every block of the first-run sheet side by side', () => {
    const layout = layoutSheet(sheetBlocks(resolved(firstRunWorkbook())), { cell: 8 });
    const titles = layout.texts.filter((t) => t.bold).map((t) => t.text);
    expect(titles).toHaveLength(7);
    const xs = layout.texts.filter((t) => t.bold).map((t) => t.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // A 28 x 28 input at 8 pixels a cell is 224 pixels wide.
    const input = layout.grids.find((g) => g.grid.label === 'Input');
    expect(input && input.cellW * input.grid.cols).toBe(224);
  });
});
