import { describe, expect, it } from 'vitest';
import { firstRunWorkbook, pictureWorkbook } from '../../src-core/presets/workbooks';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { gridsOf, sheetBlocks } from '../../src-renderer/sheet-model';
import { cellSize, zoomStep } from '../../src-renderer/view';

function resolved(w: Workbook): ResolvedWorkbook {
  const r = resolveWorkbook(w);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value;
}

describe('the blocks of the first-run sheet', () => {
  const blocks = sheetBlocks(resolved(firstRunWorkbook()));

  it('one block per layer after the input, titled with name, kind, shape and parameters', () => {
    expect(blocks.map((b) => `${b.title} | ${b.shape} | ${b.params}`)).toEqual([
      'Input | 1 x 28 x 28 | 0',
      'conv1 · conv 3 x 3 | 2 x 26 x 26 | 20',
      'relu1 · ReLU | 2 x 26 x 26 | 0',
      'conv2 · conv 3 x 3 | 2 x 24 x 24 | 38',
      'relu2 · ReLU | 2 x 24 x 24 | 0',
      'maxpool1 · max pool 2 x 2 | 2 x 12 x 12 | 0',
      'fc1 · dense 288 → 10 | 10 x 1 x 1 | 2890',
    ]);
    expect(blocks[1]?.formulas).toEqual([
      'rows: floor((28 + 2*0 - 1*(3 - 1) - 1) / 1) + 1 = 26',
      'columns: floor((28 + 2*0 - 1*(3 - 1) - 1) / 1) + 1 = 26',
    ]);
    expect(blocks[5]?.formulas[0]).toBe('rows: floor((24 + 2*0 - 1*(2 - 1) - 1) / 2) + 1 = 12');
    expect(blocks.map((b) => b.mapsTitle)).toEqual([
      'image',
      'pre-activation',
      'maps',
      'pre-activation',
      'maps',
      'maps',
      'class scores',
    ]);
  });

  it('conv2 shows each 3-D filter as two slices labelled with the channel they read, and its bias', () => {
    const conv2 = blocks[3];
    expect(
      conv2?.filters.map((f) => [...f.slices.map((g) => `${g.label}@${g.offset}`), f.bias?.label]),
    ).toEqual([
      ['conv2 filter 1 · ch 1@0', 'conv2 filter 1 · ch 2@9', 'conv2 bias 1'],
      ['conv2 filter 2 · ch 1@18', 'conv2 filter 2 · ch 2@27', 'conv2 bias 2'],
    ]);
    expect(conv2?.maps.map((g) => `${g.label}@${g.offset} ${g.rows}x${g.cols}`)).toEqual([
      'conv2 map 1@0 24x24',
      'conv2 map 2@576 24x24',
    ]);
  });

  it("the dense layer shows each output's weights shaped like the maps it reads, and the scores as a column", () => {
    const fc = blocks[6];
    expect(fc?.filters).toHaveLength(10);
    expect(fc?.filters[1]?.slices.map((g) => `${g.label}@${g.offset} ${g.rows}x${g.cols}`)).toEqual([
      'fc1 weights 2 · ch 1@288 12x12',
      'fc1 weights 2 · ch 2@432 12x12',
    ]);
    expect(fc?.maps.map((g) => `${g.label} ${g.rows}x${g.cols}`)).toEqual(['fc1 scores 10x1']);
  });

  it('every grid key is unique, and only the input and parameters are editable', () => {
    const grids = blocks.flatMap(gridsOf);
    expect(new Set(grids.map((g) => g.key)).size).toBe(grids.length);
    expect(grids.filter((g) => g.editable && g.source.kind === 'map').map((g) => g.label)).toEqual(['Input']);
  });

  it('a 64 x 64 input is one grid beyond the DOM limit, drawn as a heatmap', () => {
    const picture = sheetBlocks(resolved(pictureWorkbook()));
    expect(picture[0]?.maps.map((g) => `${g.rows}x${g.cols}`)).toEqual(['64x64']);
    expect(picture[1]?.title).toBe('conv1 · conv 3 x 3, padding 1 reflect');
  });
});

describe('zoom', () => {
  it('zoomed out, cells are square and show no numbers; at 100 % they are wide enough for -0.76', () => {
    expect(cellSize({ zoom: 0.5, scale: 'diverging', normalise: 'layer', decimals: 2 })).toEqual({
      cellWidth: 10,
      cellHeight: 10,
      fontSize: 5.5,
      numbers: false,
    });
    const full = cellSize({ zoom: 1, scale: 'diverging', normalise: 'layer', decimals: 2 });
    expect(full.numbers).toBe(true);
    expect(full.cellWidth).toBeGreaterThanOrEqual(5 * 6.7 + 6);
    expect([zoomStep(0.5, 1), zoomStep(0.5, -1), zoomStep(2, 1), zoomStep(0.1, -1)]).toEqual([
      0.6, 0.4, 2, 0.1,
    ]);
  });
});
