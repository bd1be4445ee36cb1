import { describe, expect, it } from 'vitest';
import { planSheet, type SheetPlan } from '../../../src-core/io/xlsx-plan';
import { resolved, workbookOf } from './xlsx-workbooks';

// Formulas written out by hand from the layout: the title row is 4, each block's first label row 5 and
// its first grid row 6; blocks sit left to right with one empty column between them.

function planOf(input: { shape: number[]; data: number[] }, layers: object[]): SheetPlan {
  const p = planSheet(resolved(workbookOf({ format: 'convsheet', version: 1, input, layers })));
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.value;
}

/** The formula (or value) at an A1 address. */
function at(plan: SheetPlan, address: string): string | number | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (m === null) throw new Error(address);
  const col = [...(m[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const cell = plan.cells.find((c) => c.row === Number(m[2]) && c.col === col);
  return cell?.formula ?? cell?.value;
}

const grid = (c: number, h: number, w: number) => ({
  shape: [c, h, w],
  data: new Array<number>(c * h * w).fill(0.5),
});
const conv = (shape: number[], settings: object = {}) => ({
  type: 'conv2d',
  weight: { shape, data: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1) },
  ...settings,
});

describe('xlsx plan: formulas by hand', () => {
  it('conv as SUMPRODUCT of window and filter plus the bias, ReLU, max pool into a column', () => {
    // input A..C rows 6-8; filter E..F rows 6-7, bias E9; conv H..I; relu K..L; pool: index N, value O.
    const plan = planOf(grid(1, 3, 3), [
      conv([1, 1, 2, 2], { bias: [0.5] }),
      { type: 'relu' },
      { type: 'maxpool2d', size: 2 },
    ]);
    expect(at(plan, 'A6')).toBe(0.5);
    expect(at(plan, 'E9')).toBe(0.5);
    expect(at(plan, 'H6')).toBe('SUMPRODUCT(A6:B7,$E$6:$F$7)+$E$9');
    expect(at(plan, 'I7')).toBe('SUMPRODUCT(B7:C8,$E$6:$F$7)+$E$9');
    expect(at(plan, 'K6')).toBe('MAX(0,H6)');
    expect(at(plan, 'O6')).toBe('MAX(K6:L7)');
    expect(at(plan, 'N6')).toBe(0);
  });

  it('zero padding is a border of zeros around the block that feeds the conv', () => {
    // padded input A..D rows 6-9 (values in B7:C8); filter F..H rows 6-8, no bias; conv at J.
    const plan = planOf(grid(1, 2, 2), [conv([1, 1, 3, 3], { padding: 1 })]);
    expect([at(plan, 'A6'), at(plan, 'D9'), at(plan, 'B7'), at(plan, 'C8')]).toEqual([0, 0, 0.5, 0.5]);
    expect(at(plan, 'J6')).toBe('SUMPRODUCT(A6:C8,$F$6:$H$8)');
    expect(at(plan, 'K7')).toBe('SUMPRODUCT(B7:D9,$F$6:$H$8)');
  });

  it('reflect, replicate and circular borders copy the cell F.pad copies', () => {
    // input 3 x 3 padded by 1: A..E rows 6-10, values B7:D9. Along [1, 2, 3]: reflect 2 1 2 3 2,
    // replicate 1 1 2 3 3, circular 3 1 2 3 1.
    const border = (mode: string) => {
      const plan = planOf(grid(1, 3, 3), [conv([1, 1, 3, 3], { padding: 1, paddingMode: mode })]);
      return [at(plan, 'A6'), at(plan, 'E6'), at(plan, 'A10'), at(plan, 'C6')];
    };
    expect(border('reflect')).toEqual(['C8', 'C8', 'C8', 'C8']);
    expect(border('replicate')).toEqual(['B7', 'D7', 'B9', 'C7']);
    expect(border('circular')).toEqual(['D9', 'B9', 'D7', 'C9']);
  });

  it('stride and dilation pick the taps one by one; flip pairs them with the rotated kernel', () => {
    // input A..E rows 6-10; 2 x 2 filter G..H rows 6-7; dilation 2, stride 2: output (0, 1) reads
    // input (0, 2), (0, 4), (2, 2), (2, 4) = C6, E6, C8, E8.
    const plain = planOf(grid(1, 5, 5), [conv([1, 1, 2, 2], { dilation: 2, stride: 2 })]);
    expect(at(plain, 'K6')).toBe('C6*$G$6+E6*$H$6+C8*$G$7+E8*$H$7');
    const flipped = planOf(grid(1, 5, 5), [conv([1, 1, 2, 2], { dilation: 2, stride: 2, flip: true })]);
    expect(at(flipped, 'K6')).toBe('C6*$H$7+E6*$G$7+C8*$H$6+E8*$G$6');
  });

  it('a 3-D filter sums one SUMPRODUCT per input channel', () => {
    // input 2 x 2 x 2: channel 1 rows 6-7, channel 2 rows 10-11 (label row, grid, blank row between).
    // filter 1 x 2 x 1 x 1: channel 1 at D6, channel 2 at D8, bias at D10.
    const plan = planOf(grid(2, 2, 2), [conv([1, 2, 1, 1], { bias: [0] })]);
    expect(at(plan, 'F6')).toBe('SUMPRODUCT(A6,$D$6)+SUMPRODUCT(A10,$D$8)+$D$10');
  });

  it('average pooling over padding: count_include_pad divides by the whole window', () => {
    // input A..B rows 6-7; the 2 x 2 window at output (0, 0) covers one real cell, A6.
    const include = planOf(grid(1, 2, 2), [{ type: 'avgpool2d', size: 2, padding: 1 }]);
    expect(at(include, 'D6')).toBe('SUM(A6)/4');
    const exclude = planOf(grid(1, 2, 2), [
      { type: 'avgpool2d', size: 2, padding: 1, countIncludePad: false },
    ]);
    expect(at(exclude, 'D6')).toBe('AVERAGE(A6)');
  });

  it('dense: flattened input column, one weight column per output, bias row; softmax over the scores', () => {
    // flattened input: index D, values E6:E9 (row-major A6, B6, A7, B7); weights G..H rows 6-9,
    // bias row 11; scores K6:K7; softmax N6:N7.
    const plan = planOf(grid(1, 2, 2), [
      { type: 'dense', weight: { shape: [2, 4], data: [1, 2, 3, 4, 5, 6, 7, 8] }, bias: [0.1, 0.2] },
      { type: 'softmax' },
    ]);
    expect([at(plan, 'E6'), at(plan, 'E7'), at(plan, 'E8'), at(plan, 'E9')]).toEqual([
      'A6',
      'B6',
      'A7',
      'B7',
    ]);
    expect([at(plan, 'G6'), at(plan, 'G9'), at(plan, 'H6'), at(plan, 'G11'), at(plan, 'H11')]).toEqual([
      1, 4, 5, 0.1, 0.2,
    ]);
    expect(at(plan, 'K6')).toBe('SUMPRODUCT($E$6:$E$9,$G$6:$G$9)+$G$11');
    expect(at(plan, 'K7')).toBe('SUMPRODUCT($E$6:$E$9,$H$6:$H$9)+$H$11');
    expect(at(plan, 'N6')).toBe('EXP(K6-MAX($K$6:$K$7))/SUMPRODUCT(EXP($K$6:$K$7-MAX($K$6:$K$7)))');
  });

  it('activations as formulas', () => {
    const f = (layer: object) => at(planOf(grid(1, 1, 2), [layer]), 'D6');
    expect(f({ type: 'leaky_relu', slope: 0.2 })).toBe('IF(A6>0,A6,0.2*A6)');
    expect(f({ type: 'sigmoid' })).toBe('1/(1+EXP(-A6))');
    expect(f({ type: 'tanh' })).toBe('TANH(A6)');
    expect(f({ type: 'dropout', p: 0.5 })).toBe('A6');
  });
});

describe('xlsx plan: what it refuses', () => {
  it('a shape-only workbook, naming each missing tensor', () => {
    const r = planSheet(
      resolved(workbookOf({ format: 'convsheet', version: 1, input: { shape: [1, 4, 4] }, layers: [] })),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'input: no data (this workbook describes shapes only); eval and learn need every value',
    ]);
  });

  it('a sheet over the cell limit, before building anything', () => {
    const r = planSheet(
      resolved(workbookOf({ format: 'convsheet', version: 1, input: grid(1, 1001, 1000), layers: [] })),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'the spreadsheet would hold about 1,001,000 cells, over the export limit of 1,000,000; export a smaller input or fewer layers',
    ]);
  });

  it('a formula longer than a spreadsheet allows, naming the layer', () => {
    // 100 input channels x 9 taps written out one by one (dilation 2) is over 8,192 characters.
    const r = planSheet(
      resolved(
        workbookOf({
          format: 'convsheet',
          version: 1,
          input: grid(100, 5, 5),
          layers: [conv([1, 100, 3, 3], { dilation: 2 })],
        }),
      ),
    );
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(
      /^layers\[0\] \(conv1\): a cell's formula would be [\d,]+ characters long, over the 8,192 a spreadsheet allows/,
    );
  });
});
