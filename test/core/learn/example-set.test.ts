import { describe, expect, it } from 'vitest';
import { checkExamplesFit } from '../../../src-core/learn/example-fit';
import {
  parseExamples,
  readExamples,
  writeExamples,
  type ExampleSet,
} from '../../../src-core/learn/example-set';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import { ok, workbookFrom } from './helpers';

// Example-set files (CONTRACTS section 3): every mistake is an issue naming its place.

const head = { format: 'convsheet-examples', version: 1 };
const image = (data: unknown[] = [0, 1, 2, 3]) => ({ shape: [1, 2, 2], data });

function errorsOf(json: unknown): { path: string; message: string }[] {
  const r = parseExamples(json);
  return r.ok ? [] : r.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('reading an example set', () => {
  it('reads labels, targets and class names', () => {
    const set = ok(
      parseExamples({
        ...head,
        classes: ['horizontal', 'vertical'],
        examples: [
          { input: image(), label: 1 },
          { input: image([4, 5, 6, 7]), target: { shape: [1, 1, 1], data: [0.5] } },
        ],
      }),
    );
    expect(set.classes).toEqual(['horizontal', 'vertical']);
    expect(set.examples[0]?.label).toBe(1);
    expect(set.examples[0]?.target).toBeNull();
    expect(Array.from(set.examples[1]?.input.data ?? [])).toEqual([4, 5, 6, 7]);
    expect(set.examples[1]?.target?.shape).toEqual([1, 1, 1]);
  });

  it('names the bad value: examples[3].input.data[17]', () => {
    const data = Array.from({ length: 18 }, (_, k) => (k === 17 ? 'x' : k));
    const examples = [0, 1, 2].map(() => ({
      input: { shape: [2, 3, 3], data: Array(18).fill(0) },
      label: 0,
    }));
    const errors = errorsOf({
      ...head,
      examples: [...examples, { input: { shape: [2, 3, 3], data }, label: 0 }],
    });
    expect(errors).toEqual([
      {
        path: 'examples[3].input.data[17]',
        message: 'examples[3].input.data[17] must be a finite number; got "x"',
      },
    ]);
  });

  it.each([
    [{ examples: [] }, 'format', 'not a ConvSheet example set: "format": "convsheet-examples" is missing'],
    [
      { format: 'convsheet', version: 1 },
      'format',
      'not a ConvSheet example set: "format" must be "convsheet-examples"; got "convsheet" (this is a workbook, not an example set)',
    ],
    [
      { format: 'convsheet-examples', version: 2, examples: [] },
      'version',
      'this example set is version 2, written by a newer ConvSheet; update ConvSheet to open it',
    ],
    [{ ...head }, 'examples', 'the example set has no "examples" list'],
    [
      { ...head, examples: [{ input: image(), label: -1 }] },
      'examples[0].label',
      'examples[0].label must be a class number (a whole number from 0); got -1',
    ],
    [
      { ...head, examples: [{ input: image(), label: 0.5 }] },
      'examples[0].label',
      'examples[0].label must be a class number (a whole number from 0); got 0.5',
    ],
    [
      { ...head, classes: ['a', 'b'], examples: [{ input: image(), label: 2 }] },
      'examples[0].label',
      'examples[0].label is 2, but the set names 2 classes (labels 0 to 1)',
    ],
    [
      { ...head, examples: [{ input: image() }] },
      'examples[0]',
      'examples[0] has neither a "label" (for bce or ce) nor a "target" (for mse)',
    ],
    [
      { ...head, examples: [{ input: image([1, 2, 3]), label: 0 }] },
      'examples[0].input.data',
      'examples[0].input.data has 3 values; its shape 1 x 2 x 2 holds 4',
    ],
    [
      { ...head, examples: [{ input: { shape: [2, 2], data: [1, 2, 3, 4] }, label: 0 }] },
      'examples[0].input.shape',
      'examples[0].input.shape must be [C, H, W] (3 numbers); got a list [2, 2] (2 numbers)',
    ],
    [
      { ...head, examples: [{ input: { shape: [1, 0, 2], data: [] }, label: 0 }] },
      'examples[0].input.shape[1]',
      'examples[0].input.shape[1] (H) must be a whole number from 1 to 4096; got 0',
    ],
    [
      { ...head, examples: [{ input: { shape: [1, 1, 1] }, label: 0 }] },
      'examples[0].input.data',
      'examples[0].input.data is missing; learning needs every value',
    ],
    [{ ...head, examples: [{ label: 0 }] }, 'examples[0].input', 'examples[0].input is missing'],
    [
      { ...head, classes: 'ab', examples: [] },
      'classes',
      'classes must be a list of names, one per label; got "ab"',
    ],
  ])('%j: %s', (json, path, message) => {
    expect(errorsOf(json)[0]).toEqual({ path, message });
  });

  it('a file that is not JSON says where', () => {
    const r = readExamples('{"format": "convsheet-examples", "version": 1, "examples": [1,]}');
    expect(r.ok ? '' : r.errors[0]?.message).toBe(
      'not valid JSON at line 1, column 63: a comma before "]": JSON allows no comma after the last value',
    );
  });

  it('writes a set that reads back to the same numbers, -0 and 0.1 + 0.2 included', () => {
    const set: ExampleSet = {
      classes: ['a', 'b'],
      examples: [
        { input: { shape: [1, 1, 3], data: Float64Array.of(-0, 0.1 + 0.2, 1e-300) }, label: 1, target: null },
        {
          input: { shape: [1, 1, 3], data: Float64Array.of(1, 2, 3) },
          label: null,
          target: { shape: [1, 1, 1], data: Float64Array.of(Math.PI) },
        },
      ],
    };
    const back = ok(readExamples(writeExamples(set)));
    expect(back.classes).toEqual(['a', 'b']);
    expect(Object.is(back.examples[0]?.input.data[0], -0)).toBe(true);
    expect(back.examples[0]?.input.data[1]).toBe(0.30000000000000004);
    expect(back.examples[0]?.input.data[2]).toBe(1e-300);
    expect(back.examples[1]?.target?.data[0]).toBe(Math.PI);
    expect(back.examples[1]?.label).toBeNull();
  });
});

describe('fitting a workbook and a loss', () => {
  /** 1 x 2 x 2 input -> conv 2@1x1 (2 x 2 x 2) -> flatten (8) -> dense 2 or 1 -> optional softmax. */
  const resolved = (outputs: number, softmax = false) =>
    ok(
      resolveWorkbook(
        workbookFrom({
          input: image(),
          layers: [
            { type: 'conv2d', name: 'conv', weight: { shape: [2, 1, 1, 1], data: [1, 1] } },
            { type: 'dense', name: 'fc', weight: { shape: [outputs, 8], data: Array(outputs * 8).fill(0) } },
            ...(softmax ? [{ type: 'softmax' }] : []),
          ],
        }),
      ),
    );
  const set = (examples: unknown[]) => ok(parseExamples({ ...head, examples })).examples;

  it('accepts examples that fit', () => {
    expect(checkExamplesFit(set([{ input: image(), label: 1 }]), resolved(2), 'ce')).toEqual([]);
    expect(checkExamplesFit(set([{ input: image(), label: 1 }]), resolved(1), 'bce')).toEqual([]);
    const target = { shape: [2, 1, 1], data: [0, 1] };
    expect(checkExamplesFit(set([{ input: image(), target }]), resolved(2), 'mse')).toEqual([]);
  });

  it.each([
    [
      'ce',
      2,
      false,
      { input: { shape: [1, 1, 4], data: [0, 1, 2, 3] }, label: 0 },
      'examples[0].input.shape',
      "examples[0].input.shape is 1 x 1 x 4 but the workbook's input is 1 x 2 x 2",
    ],
    [
      'ce',
      2,
      false,
      { input: image(), label: 2 },
      'examples[0].label',
      'examples[0].label is 2, but the output of layers[1] (fc) is 2 x 1 x 1: labels go from 0 to 1',
    ],
    [
      'ce',
      3,
      true,
      { input: image(), label: 3 },
      'examples[0].label',
      'examples[0].label is 3, but the output of layers[1] (fc) is 3 x 1 x 1: labels go from 0 to 2',
    ],
    [
      'ce',
      2,
      false,
      { input: image(), target: { shape: [2, 1, 1], data: [0, 1] } },
      'examples[0]',
      'examples[0]: ce needs a class "label"; this example has none',
    ],
    [
      'bce',
      2,
      false,
      { input: image(), label: 1 },
      'layers',
      'bce needs a single output value per example, but the output of layers[1] (fc) is 2 x 1 x 1; use ce for several classes, or end the network with a dense layer of 1 output',
    ],
    [
      'bce',
      1,
      false,
      { input: image(), label: 2 },
      'examples[0].label',
      'examples[0].label must be 0 or 1 for bce; got 2 (use ce for more classes)',
    ],
    [
      'mse',
      2,
      false,
      { input: image(), label: 1 },
      'examples[0]',
      'examples[0]: mse needs a "target" shaped like the final output; this example has none',
    ],
    [
      'mse',
      2,
      false,
      { input: image(), target: { shape: [1, 1, 2], data: [0, 1] } },
      'examples[0].target.shape',
      'examples[0].target.shape is 1 x 1 x 2 but the output of layers[1] (fc) is 2 x 1 x 1',
    ],
    [
      'ce',
      1,
      false,
      { input: image(), label: 0 },
      'layers',
      'ce needs one output per class (at least 2), but the output of layers[1] (fc) is 1 x 1 x 1; use bce for one output',
    ],
  ] as const)('%s with %i outputs (softmax %s): %j', (loss, outputs, softmax, e, path, message) => {
    expect(checkExamplesFit(set([e]), resolved(outputs, softmax), loss)[0]).toEqual({ path, message });
  });

  it('reports the first ten examples that do not fit and counts the rest', () => {
    const many = set(Array.from({ length: 14 }, () => ({ input: image(), label: 5 })));
    const issues = checkExamplesFit(many, resolved(2), 'ce');
    expect(issues).toHaveLength(11);
    expect(issues[10]?.message).toBe('4 more examples do not fit either');
  });

  it('an empty set has nothing to learn from', () => {
    expect(checkExamplesFit([], resolved(2), 'ce')[0]?.message).toBe(
      'the example set has no examples to learn from',
    );
  });
});
