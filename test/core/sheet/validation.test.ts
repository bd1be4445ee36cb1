import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../src-core/sheet/read';
import { conv, dense, errorsOf, file, layer, warningsOf } from './build';

// Every rule a workbook file must keep, each with the exact place and message the UI shows.

function textErrors(text: string) {
  const r = readWorkbook(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('the file itself', () => {
  it('names the line and column where the JSON breaks', () => {
    expect(textErrors('{\n  "format": "convsheet",\n}')).toEqual([
      {
        path: '',
        message:
          'not valid JSON at line 3, column 1: a comma before "}": JSON allows no comma after the last entry',
      },
    ]);
    expect(textErrors('{"data": [1, 2,]}')).toEqual([
      {
        path: '',
        message:
          'not valid JSON at line 1, column 16: a comma before "]": JSON allows no comma after the last value',
      },
    ]);
    expect(textErrors('{"data": [1, 2')).toEqual([
      {
        path: '',
        message:
          'not valid JSON at line 1, column 15: expected "," or "]" after a value; found the end of the text',
      },
    ]);
    expect(textErrors('{"data": [1, NaN]}')).toEqual([
      {
        path: '',
        message:
          'not valid JSON at line 1, column 14: expected a value; found "N" (NaN and Infinity are not JSON numbers; ' +
          'every value must be finite)',
      },
    ]);
    expect(textErrors("{'format': 1}")).toEqual([
      {
        path: '',
        message:
          'not valid JSON at line 1, column 2: expected a key in double quotes; found "\'" (JSON strings and keys take double quotes)',
      },
    ]);
    expect(textErrors('{"a": 1} {"b": 2}')).toEqual([
      {
        path: '',
        message: 'not valid JSON at line 1, column 10: unexpected "{" after the end of the JSON value',
      },
    ]);
    expect(textErrors('')).toEqual([
      {
        path: '',
        message: 'not valid JSON at line 1, column 1: expected a value; found the end of the text',
      },
    ]);
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(readWorkbook(`\uFEFF${JSON.stringify(file([1, 2, 2], []))}`).ok).toBe(true);
  });

  it('must be a ConvSheet workbook of version 1', () => {
    expect(errorsOf([1, 2])).toEqual([
      {
        path: '',
        message: 'a workbook is a JSON object {"format": "convsheet", "version": 1, ...}; got a list [1, 2]',
      },
    ]);
    expect(errorsOf({ version: 1 })).toEqual([
      { path: 'format', message: 'not a ConvSheet workbook: "format": "convsheet" is missing' },
    ]);
    expect(errorsOf({ format: 'convsheet-examples', version: 1, examples: [] })).toEqual([
      {
        path: 'format',
        message:
          'not a ConvSheet workbook: "format" must be "convsheet"; got "convsheet-examples" (this is an example set ' +
          'for learning, not a workbook)',
      },
    ]);
    expect(errorsOf({ ...file([1, 2, 2], []), version: 2 })).toEqual([
      {
        path: 'version',
        message:
          'this workbook is version 2, written by a newer ConvSheet; this ConvSheet reads version 1 workbooks. ' +
          'Update ConvSheet to open it',
      },
    ]);
    expect(errorsOf({ ...file([1, 2, 2], []), version: '1' })).toEqual([
      { path: 'version', message: '"version" must be 1; got "1"' },
    ]);
    expect(errorsOf({ format: 'convsheet', input: { shape: [1, 2, 2] }, layers: [] })).toEqual([
      { path: 'version', message: '"version" is missing; this ConvSheet reads version 1 workbooks' },
    ]);
  });

  it('needs an input and a list of layers', () => {
    expect(errorsOf({ format: 'convsheet', version: 1 })).toEqual([
      { path: 'input', message: 'the workbook has no "input": add {"shape": [C, H, W], "data": [...]}' },
      { path: 'layers', message: 'the workbook has no "layers" list (an empty list [] is fine)' },
    ]);
    expect(errorsOf({ ...file([1, 2, 2], []), layers: { type: 'relu' } })).toEqual([
      { path: 'layers', message: 'layers must be a list of layers; got an object {"type":"relu"}' },
    ]);
  });

  it('warns about unknown keys at the top level: extra settings belong under "ui" or "learn"', () => {
    const json = file([1, 2, 2], [], { ui: { zoom: 2 }, learn: { lr: 0.1 }, colours: 'viridis' });
    expect(warningsOf(json)).toEqual([
      {
        path: 'colours',
        message: 'unknown key "colours" is ignored and not saved; keep extra settings under "ui" or "learn"',
      },
    ]);
  });
});

describe('the input', () => {
  it('is C x H x W', () => {
    expect(errorsOf(file([28, 28], []))).toEqual([
      {
        path: 'input.shape',
        message:
          'input: shape must be [C, H, W] (3 numbers); got a list [28, 28] (2 numbers); a grayscale image is [1, H, W]',
      },
    ]);
    expect(errorsOf(file([1, 0, 2.5], []))).toEqual([
      { path: 'input.shape[1]', message: 'input: shape[1] (H) must be a whole number of at least 1; got 0' },
      {
        path: 'input.shape[2]',
        message: 'input: shape[2] (W) must be a whole number of at least 1; got 2.5',
      },
    ]);
    expect(errorsOf(file([1, '28', 28] as unknown as number[], []))).toEqual([
      {
        path: 'input.shape[1]',
        message: 'input: shape[1] (H) must be a whole number of at least 1; got "28"',
      },
    ]);
  });

  it('has exactly as many values as its shape, each a finite number', () => {
    const input = (data: unknown) => ({ ...file([1, 2, 2], []), input: { shape: [1, 2, 2], data } });
    expect(errorsOf(input([1, 2, 3]))).toEqual([
      { path: 'input.data[3]', message: 'input: data has 3 values, its shape 1 x 2 x 2 needs 4 (1 missing)' },
    ]);
    expect(errorsOf(input([1, 2, 3, 4, 5, 6]))).toEqual([
      {
        path: 'input.data[4]',
        message: 'input: data has 6 values, its shape 1 x 2 x 2 needs 4 (2 extra, from index 4)',
      },
    ]);
    expect(errorsOf(input([1, 'x', null, true]))).toEqual([
      { path: 'input.data[1]', message: 'input: data[1] must be a finite number; got "x"' },
      { path: 'input.data[2]', message: 'input: data[2] must be a finite number; got null' },
      { path: 'input.data[3]', message: 'input: data[3] must be a finite number; got true' },
    ]);
    expect(errorsOf(input('1 2 3 4'))).toEqual([
      {
        path: 'input.data',
        message:
          'input: data must be a flat list of numbers (or left out for a shape-only workbook); got "1 2 3 4"',
      },
    ]);
  });

  it('refuses numbers too large for float64, which JSON.parse turns into Infinity', () => {
    const text =
      '{"format": "convsheet", "version": 1, "input": {"shape": [1, 1, 2], "data": [1e999, -1e999]}, "layers": []}';
    expect(textErrors(text)).toEqual([
      {
        path: 'input.data[0]',
        message:
          'input: data[0] must be a finite number; got Infinity (a number too large for float64, such as 1e999)',
      },
      {
        path: 'input.data[1]',
        message:
          'input: data[1] must be a finite number; got -Infinity (a number too large for float64, such as 1e999)',
      },
    ]);
  });
});

describe('layer types and names', () => {
  it('knows the layer types of CONTRACTS and suggests the right one', () => {
    expect(errorsOf(file([1, 4, 4], [layer('conv3d')]))).toEqual([
      {
        path: 'layers[0].type',
        message:
          'layers[0]: unknown layer type "conv3d"; the types are conv2d, relu, leaky_relu, sigmoid, tanh, maxpool2d, ' +
          'avgpool2d, globalavgpool, globalmaxpool, flatten, dense, softmax, dropout',
      },
    ]);
    expect(errorsOf(file([1, 4, 4], [layer('Linear', { name: 'head' })]))).toEqual([
      {
        path: 'layers[0].type',
        message: 'layers[0] (head): unknown layer type "Linear"; did you mean "dense"?',
      },
    ]);
    expect(errorsOf(file([1, 4, 4], [{ name: 'x' }]))[0]?.message).toMatch(
      /^layers\[0\] \(x\): a layer needs a "type", one of conv2d, /,
    );
    expect(errorsOf(file([1, 4, 4], [7 as unknown as Record<string, unknown>]))).toEqual([
      { path: 'layers[0]', message: 'layers[0] must be a layer such as {"type": "relu"}; got 7' },
    ]);
  });

  it('needs a text name; warns when two layers share one', () => {
    expect(errorsOf(file([1, 4, 4], [layer('relu', { name: 3 })]))).toEqual([
      { path: 'layers[0].name', message: 'layers[0] (relu1): name must be text; got 3' },
    ]);
    expect(errorsOf(file([1, 4, 4], [layer('relu', { name: '' })]))).toEqual([
      { path: 'layers[0].name', message: 'layers[0]: name must not be empty' },
    ]);
    expect(warningsOf(file([1, 4, 4], [layer('relu', { name: 'relu2' }), layer('relu')]))).toEqual([
      {
        path: 'layers[1].name',
        message:
          'layers[1] (relu2): the name "relu2" is also used by layers[0]; their outputs and messages will be hard to tell apart',
      },
    ]);
  });

  it('refuses more than 100 layers', () => {
    expect(
      errorsOf(
        file(
          [1, 4, 4],
          Array.from({ length: 101 }, () => layer('relu')),
        ),
      ),
    ).toEqual([{ path: 'layers', message: 'the workbook has 101 layers, over the limit of 100' }]);
  });

  it('warns about unknown settings, with the PyTorch spelling recognised', () => {
    expect(
      warningsOf(
        file([1, 4, 4], [layer('maxpool2d', { size: 2, kernel_size: 3 }), layer('relu', { inplace: true })]),
      ),
    ).toEqual([
      {
        path: 'layers[0].kernel_size',
        message:
          'layers[0] (maxpool1): unknown key "kernel_size" is ignored and not saved; did you mean "size"?',
      },
      {
        path: 'layers[1].inplace',
        message:
          'layers[1] (relu1): unknown key "inplace" is ignored and not saved; a relu layer has no settings besides its name',
      },
    ]);
    expect(warningsOf(file([1, 4, 4], [conv(1, 1, 3, { padding_mode: 'reflect' })]))).toEqual([
      {
        path: 'layers[0].padding_mode',
        message:
          'layers[0] (conv1): unknown key "padding_mode" is ignored and not saved; did you mean "paddingMode"?',
      },
    ]);
  });
});

describe('weights and biases', () => {
  it('needs a weight of the right rank', () => {
    expect(errorsOf(file([1, 4, 4], [layer('conv2d')]))).toEqual([
      {
        path: 'layers[0].weight',
        message:
          'layers[0] (conv1): a conv2d layer needs "weight": {"shape": [OUT, IN, KH, KW], "data": [...]}',
      },
    ]);
    expect(errorsOf(file([1, 4, 4], [{ type: 'conv2d', weight: { shape: [3, 3] } }]))).toEqual([
      {
        path: 'layers[0].weight.shape',
        message:
          'layers[0] (conv1): weight shape must be [OUT, IN, KH, KW] (4 numbers); got a list [3, 3] (2 numbers)',
      },
    ]);
    expect(errorsOf(file([1, 4, 4], [{ type: 'conv2d', weight: { shape: [2, 1, 0, 3] } }]))).toEqual([
      {
        path: 'layers[0].weight.shape[2]',
        message: 'layers[0] (conv1): weight shape[2] (KH) must be a whole number of at least 1; got 0',
      },
    ]);
  });

  it('a conv takes exactly the channels reaching it', () => {
    expect(errorsOf(file([1, 7, 7], [conv(2, 1, 3), conv(4, 3, 3)]))).toEqual([
      {
        path: 'layers[1].weight.shape[1]',
        message:
          'layers[1] (conv2): conv2 expects 3 input channels (weight shape 4 x 3 x 3 x 3) but 2 channels reach it ' +
          '(conv1 gives 2 x 5 x 5)',
      },
    ]);
    expect(errorsOf(file([3, 7, 7], [conv(2, 1, 3)]))).toEqual([
      {
        path: 'layers[0].weight.shape[1]',
        message:
          'layers[0] (conv1): conv1 expects 1 input channel (weight shape 2 x 1 x 3 x 3) but 3 channels reach it ' +
          '(the input is 3 x 7 x 7)',
      },
    ]);
  });

  it('a dense layer takes exactly the flattened size reaching it', () => {
    expect(
      errorsOf(file([1, 28, 28], [conv(2, 1, 3), layer('maxpool2d', { size: 2 }), dense(10, 288)])),
    ).toEqual([
      {
        path: 'layers[2].weight.shape[1]',
        message:
          'layers[2] (fc1): fc1 expects 288 inputs (weight shape 10 x 288) but 338 values reach it ' +
          '(maxpool1 gives 2 x 13 x 13, flattened 338)',
      },
    ]);
  });

  it('weight data has as many values as the shape, each a finite number, named by index', () => {
    const withData = (data: unknown[]) =>
      file([1, 3, 3], [{ type: 'conv2d', weight: { shape: [2, 1, 3, 3], data } }]);
    expect(errorsOf(withData(Array(17).fill(0)))).toEqual([
      {
        path: 'layers[0].weight.data[17]',
        message: 'layers[0] (conv1): weight data has 17 values, its shape 2 x 1 x 3 x 3 needs 18 (1 missing)',
      },
    ]);
    const values: unknown[] = Array(18).fill(0.5);
    values[17] = '0.5';
    values[3] = [1, 2];
    expect(errorsOf(withData(values))).toEqual([
      {
        path: 'layers[0].weight.data[3]',
        message:
          'layers[0] (conv1): weight.data[3] must be a finite number; got a list [1, 2] (the values are one flat list, row-major)',
      },
      {
        path: 'layers[0].weight.data[17]',
        message: 'layers[0] (conv1): weight.data[17] must be a finite number; got "0.5"',
      },
    ]);
  });

  it('reports the first five bad values and counts the rest', () => {
    const errors = errorsOf(
      file([1, 3, 3], [{ type: 'conv2d', weight: { shape: [1, 1, 3, 3], data: Array(9).fill(null) } }]),
    );
    expect(errors.length).toBe(6);
    expect(errors[5]).toEqual({
      path: 'layers[0].weight.data',
      message: 'layers[0] (conv1): 4 more values in weight.data are not finite numbers',
    });
  });

  it('has one bias per filter or output', () => {
    expect(errorsOf(file([3, 5, 5], [conv(4, 3, 3, { bias: [0, 0, 0] })]))).toEqual([
      {
        path: 'layers[0].bias',
        message:
          'layers[0] (conv1): bias has 3 values but there are 4 filters (weight shape 4 x 3 x 3 x 3); one bias per filter',
      },
    ]);
    expect(errorsOf(file([1, 1, 5], [dense(2, 5, { bias: [1, false] })]))).toEqual([
      { path: 'layers[0].bias[1]', message: 'layers[0] (fc1): bias[1] must be a finite number; got false' },
    ]);
    expect(errorsOf(file([1, 1, 5], [dense(2, 5, { bias: 0 })]))).toEqual([
      {
        path: 'layers[0].bias',
        message:
          'layers[0] (fc1): bias must be a list of 2 numbers, one per output (or left out for no bias); got 0',
      },
    ]);
  });
});

describe('conv settings', () => {
  it('stride and dilation are whole numbers of at least 1, or pairs of them', () => {
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { stride: 0 })]))).toEqual([
      {
        path: 'layers[0].stride',
        message: 'layers[0] (conv1): stride must be a whole number of at least 1 (or a pair of them); got 0',
      },
    ]);
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { stride: [1, 0] })]))).toEqual([
      {
        path: 'layers[0].stride[1]',
        message:
          'layers[0] (conv1): stride must be a whole number of at least 1 (or a pair of them); got [1, 0]',
      },
    ]);
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { stride: '2' })]))).toEqual([
      {
        path: 'layers[0].stride',
        message:
          'layers[0] (conv1): stride must be a whole number of at least 1 (or a pair of them); got "2"',
      },
    ]);
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { dilation: 1.5 })]))).toEqual([
      {
        path: 'layers[0].dilation',
        message:
          'layers[0] (conv1): dilation must be a whole number of at least 1 (or a pair of them); got 1.5',
      },
    ]);
  });

  it('padding is a whole number of at least 0, a pair, "valid" or "same"', () => {
    const rule = 'padding must be a whole number of at least 0 (or a pair of them), "valid" or "same"';
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { padding: -1 })]))).toEqual([
      { path: 'layers[0].padding', message: `layers[0] (conv1): ${rule}; got -1` },
    ]);
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { padding: 'Same' })]))).toEqual([
      { path: 'layers[0].padding', message: `layers[0] (conv1): ${rule}; got "Same"` },
    ]);
    expect(errorsOf(file([1, 7, 7], [conv(1, 1, 3, { padding: [1, 2, 3] })]))).toEqual([
      { path: 'layers[0].padding', message: `layers[0] (conv1): ${rule}; got a list [1, 2, 3]` },
    ]);
  });

  it('"same" needs stride 1', () => {
    expect(errorsOf(file([1, 7, 7], [layer('relu'), conv(1, 1, 3, { padding: 'same', stride: 2 })]))).toEqual(
      [
        {
          path: 'layers[1].padding',
          message:
            'layers[1] (conv1): padding "same" needs stride 1 (PyTorch refuses "same" for strided convolutions); stride is 2',
        },
      ],
    );
  });

  it("paddingMode is one of PyTorch's four; flip and trainable are true or false", () => {
    expect(
      errorsOf(file([1, 7, 7], [conv(1, 1, 3, { paddingMode: 'mirror', flip: 'yes', trainable: 0 })])),
    ).toEqual([
      {
        path: 'layers[0].paddingMode',
        message:
          'layers[0] (conv1): paddingMode must be "zeros", "reflect", "replicate" or "circular"; got "mirror"',
      },
      { path: 'layers[0].flip', message: 'layers[0] (conv1): flip must be true or false; got "yes"' },
      { path: 'layers[0].trainable', message: 'layers[0] (conv1): trainable must be true or false; got 0' },
    ]);
  });

  it('the window must fit: an output size below 1 names the rule with its numbers', () => {
    // columns: dilation 2 spreads a 5-tap kernel over 2*(5 - 1) + 1 = 9 columns; 7 are there.
    expect(errorsOf(file([1, 12, 7], [layer('relu'), conv(1, 1, 5, { dilation: 2 })]))).toEqual([
      {
        path: 'layers[1].weight.shape[3]',
        message:
          'layers[1] (conv1): kernel 5 with dilation 2 needs 9 input columns, the input has 7 (plus padding 0)',
      },
    ]);
    expect(errorsOf(file([1, 2, 2], [conv(1, 1, 5, { padding: 1 })]))).toEqual([
      {
        path: 'layers[0].weight.shape[2]',
        message:
          'layers[0] (conv1): kernel 5 needs 5 input rows, the input has 2 (plus padding 1 on each side)',
      },
      {
        path: 'layers[0].weight.shape[3]',
        message:
          'layers[0] (conv1): kernel 5 needs 5 input columns, the input has 2 (plus padding 1 on each side)',
      },
    ]);
    expect(errorsOf(file([1, 4, 1], [layer('maxpool2d', { size: [2, 2] })]))).toEqual([
      {
        path: 'layers[0].size',
        message: 'layers[0] (maxpool1): window 2 needs 2 input columns, the input has 1 (plus padding 0)',
      },
    ]);
  });

  it('reflect padding must be less than the input size, circular at most the input size (PyTorch)', () => {
    expect(errorsOf(file([1, 3, 5], [conv(1, 1, 3, { padding: 3, paddingMode: 'reflect' })]))).toEqual([
      {
        path: 'layers[0].padding',
        message:
          "layers[0] (conv1): reflect padding 3 needs at least 4 input rows (reflection does not repeat the edge; PyTorch's rule), the input has 3",
      },
    ]);
    // padding 3 on 3 rows is allowed in circular mode: it wraps around exactly once.
    expect(errorsOf(file([1, 3, 3], [conv(1, 1, 3, { padding: [3, 4], paddingMode: 'circular' })]))).toEqual([
      {
        path: 'layers[0].padding',
        message:
          "layers[0] (conv1): circular padding 4 needs at least 4 input columns (it wraps around at most once; PyTorch's rule), the input has 3",
      },
    ]);
    // "same" with a 7 x 7 kernel pads 3 on each side.
    expect(
      errorsOf(file([1, 3, 8], [conv(1, 1, 7, { padding: 'same', paddingMode: 'reflect' })]))[0]?.message,
    ).toBe(
      "layers[0] (conv1): reflect padding 3 needs at least 4 input rows (reflection does not repeat the edge; PyTorch's rule), the input has 3",
    );
  });
});

describe('pool settings', () => {
  it('needs a size', () => {
    expect(errorsOf(file([1, 4, 4], [layer('avgpool2d')]))).toEqual([
      {
        path: 'layers[0].size',
        message: 'layers[0] (avgpool1): an avgpool2d layer needs "size": 2 or [h, w]',
      },
    ]);
    expect(errorsOf(file([1, 4, 4], [layer('maxpool2d', { size: 0 })]))).toEqual([
      {
        path: 'layers[0].size',
        message: 'layers[0] (maxpool1): size must be a whole number of at least 1 (or a pair of them); got 0',
      },
    ]);
  });

  it('padding is at most half the window (PyTorch)', () => {
    expect(errorsOf(file([1, 7, 7], [layer('maxpool2d', { size: 3, padding: 2 })]))).toEqual([
      {
        path: 'layers[0].padding',
        message:
          "layers[0] (maxpool1): padding must be at most half the window (PyTorch's rule): window 3 allows up to 1; got 2",
      },
    ]);
    expect(errorsOf(file([1, 7, 7], [layer('avgpool2d', { size: [2, 3], padding: [1, 2] })]))).toEqual([
      {
        path: 'layers[0].padding',
        message:
          "layers[0] (avgpool1): padding must be at most half the window (PyTorch's rule): window 2 x 3 allows up to [1, 1]; got [1, 2]",
      },
    ]);
    expect(errorsOf(file([1, 7, 7], [layer('maxpool2d', { size: 2, padding: 'same' })]))).toEqual([
      {
        path: 'layers[0].padding',
        message:
          'layers[0] (maxpool1): padding must be a whole number of at least 0 (or a pair of them) (pools take no "same" or "valid"); got "same"',
      },
    ]);
  });
});

describe('activation and dropout settings', () => {
  it('slope is a finite number', () => {
    expect(errorsOf(file([1, 2, 2], [layer('leaky_relu', { slope: '0.1' })]))).toEqual([
      { path: 'layers[0].slope', message: 'layers[0] (leakyrelu1): slope must be a number; got "0.1"' },
    ]);
    const text = JSON.stringify(file([1, 2, 2], [layer('leaky_relu', { slope: 0 })])).replace(
      '"slope":0',
      '"slope":1e999',
    );
    expect(textErrors(text)).toEqual([
      {
        path: 'layers[0].slope',
        message:
          'layers[0] (leakyrelu1): slope must be a finite number; got Infinity (a number too large for float64, such as 1e999)',
      },
    ]);
  });

  it('p of dropout is at least 0 and below 1', () => {
    const message = (got: string) =>
      `layers[0] (dropout1): p must be at least 0 and less than 1 (kept values are scaled by 1/(1-p)); got ${got}`;
    expect(errorsOf(file([1, 2, 2], [layer('dropout', { p: 1 })]))).toEqual([
      { path: 'layers[0].p', message: message('1') },
    ]);
    expect(errorsOf(file([1, 2, 2], [layer('dropout', { p: -0.1 })]))).toEqual([
      { path: 'layers[0].p', message: message('-0.1') },
    ]);
  });
});

describe('size limits', () => {
  it('refuses any size over 4096', () => {
    expect(errorsOf(file([1, 5000, 2], []))).toEqual([
      { path: 'input.shape[1]', message: 'input: shape[1] (H) is 5000, over the limit of 4096' },
    ]);
    expect(errorsOf(file([1, 8, 8], [conv(1, 1, 3, { stride: 5000 })]))).toEqual([
      { path: 'layers[0].stride', message: 'layers[0] (conv1): stride 5000 is over the limit of 4096' },
    ]);
  });

  it('refuses more than 2^27 values in a tensor: weights, input or output', () => {
    // 4096 x 40000 = 163,840,000 weights; a dense IN may pass 4096, but not the total.
    expect(errorsOf(file([1, 200, 200], [dense(4096, 40000)]))).toEqual([
      {
        path: 'layers[0].weight.shape',
        message:
          'layers[0] (fc1): weight 4096 x 40000 holds 163,840,000 values, over the limit of 134,217,728 (2^27) per tensor',
      },
    ]);
    expect(errorsOf(file([4096, 4096, 16], []))).toEqual([
      {
        path: 'input.shape',
        message:
          'input: 4096 x 4096 x 16 holds 268,435,456 values, over the limit of 134,217,728 (2^27) per tensor',
      },
    ]);
    expect(errorsOf(file([1, 4096, 4096], [conv(16, 1, 1)]))).toEqual([
      {
        path: 'layers[0]',
        message:
          'layers[0] (conv1): its output 16 x 4096 x 4096 holds 268,435,456 values, over the limit of 134,217,728 (2^27) per tensor',
      },
    ]);
  });
});

describe('several problems at once', () => {
  it('reports every broken layer in file order', () => {
    expect(
      errorsOf(
        file(
          [1, 7, 7],
          [
            conv(2, 1, 3, { stride: 0 }),
            layer('dropout', { p: 2 }),
            layer('nonsense'),
            dense(3, 5, { trainable: 'no' }),
          ],
        ),
      ).map((e) => e.path),
    ).toEqual(['layers[0].stride', 'layers[1].p', 'layers[2].type', 'layers[3].trainable']);
  });
});
