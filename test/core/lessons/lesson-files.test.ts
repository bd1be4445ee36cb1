import { describe, expect, it } from 'vitest';
import { lessonMismatches } from '../../../src-core/lessons/lesson-check';
import { readLesson } from '../../../src-core/lessons/lesson-read';
import { symbolicConvCell } from '../../../src-core/lessons/symbolic';
import { lessonFiles, lessonText, loadLesson, outputAt, atStep } from './support';

// The numbers each lesson's text quotes, worked out here by hand (sums of products written out), and
// compared with what the engine computes on the sheet as it stands at that step.

const id = (file: string) => file.replace('.lesson.json', '');

describe('every built-in lesson file', () => {
  it('there are eleven of them', () => {
    expect(lessonFiles.map(id).sort()).toEqual([
      'by-hand',
      'conv-vs-dense',
      'counting',
      'dropout',
      'edge-detection',
      'hi-dot',
      'learning-a-filter',
      'lonely-one',
      'pooling-translation',
      'receptive-fields',
      'rgb',
    ]);
  });

  it.each(lessonFiles)(
    '%s reads without an error or a warning, and the engine computes every number it quotes',
    (file) => {
      const r = readLesson(lessonText(id(file)), id(file));
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      if (!r.ok) return;
      expect(r.value.steps.length).toBeGreaterThanOrEqual(3);
      for (const step of r.value.steps) {
        expect(step.title).not.toBe('');
        expect(step.text.length).toBeGreaterThan(40);
      }
      expect(lessonMismatches(r.value)).toEqual([]);
    },
  );
});

describe('the lonely 1: signal 0,0,1,1,1,0,1,0,0,0, filter -1,1,-1', () => {
  // Output i = -s[i] + s[i+1] - s[i+2]: 0,0,1 -> -1; 0,1,1 -> 0; 1,1,1 -> -1; 1,1,0 -> 0; 1,0,1 -> -2;
  // 0,1,0 -> 1 (the lonely 1); 1,0,0 -> -1; 0,0,0 -> 0.
  it('without padding: eight outputs -1, 0, -1, 0, -2, 1, -1, 0', () => {
    expect(outputAt('lonely-one', 0, 0)).toEqual([-1, 0, -1, 0, -2, 1, -1, 0]);
  });

  it('in letters the cell over the lonely 1 is 0w + 1x + 0y', () => {
    const { resolved, evaluation } = atStep('lonely-one', 1);
    const conv = resolved.layers[0];
    if (conv?.type !== 'conv2d') throw new Error('conv expected');
    expect(symbolicConvCell(conv, evaluation.input.data, 0, 0, 5)).toBe('0w + 1x + 0y');
  });

  it('ReLU leaves only the lonely 1', () => {
    expect(outputAt('lonely-one', 2, 1)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('with padding 1: ten outputs, the 1 under the lonely 1 (cell 7)', () => {
    // Padded: 0 | 0 0 1 1 1 0 1 0 0 0 | 0; the first window 0,0,0 gives 0.
    expect(outputAt('lonely-one', 3, 0)).toEqual([0, -1, 0, -1, 0, -2, 1, -1, 0, 0]);
    expect(outputAt('lonely-one', 3, 1)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('a bias of -0.5 keeps only 0.5 over the lonely 1; a bias of +1 fires on empty stretches', () => {
    expect(outputAt('lonely-one', 4, 1)).toEqual([0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0]);
    expect(outputAt('lonely-one', 5, 0)).toEqual([1, 0, 1, 0, 1, -1, 2, 0, 1, 1]);
    expect(outputAt('lonely-one', 5, 1)).toEqual([1, 0, 1, 0, 1, 0, 2, 0, 1, 1]);
  });
});

describe('"hi" and the dot detector (-1 all round, +1 centre)', () => {
  it('without padding the best score is -1 and ReLU finds nothing', () => {
    // The best window is centred on (2, 2): rows 1-3, columns 1-3 hold 0 0 0 / 1 1 0 / 0 1 0, so
    // +1 for the centre and -1 for each of the two lit neighbours: -1. The worst, centred on (3, 1):
    // 1 1 1 / 1 0 1 / 1 0 1, a dark centre and seven lit neighbours: -7.
    const conv = outputAt('hi-dot', 0, 0);
    expect(conv).toHaveLength(9);
    expect(Math.max(...conv)).toBe(-1);
    expect(conv[1 * 3 + 1]).toBe(-1);
    expect(conv[2 * 3 + 0]).toBe(-7);
    expect(outputAt('hi-dot', 0, 1)).toEqual(Array(9).fill(0));
  });

  it('with zero padding the dot (row 1, column 5) scores 1, the only cell ReLU keeps', () => {
    // Centre on the dot: +1, its neighbours (0,3), (1,3), (1,4) are 0 and the other five are padding.
    const relu = outputAt('hi-dot', 1, 1);
    expect(relu).toHaveLength(25);
    expect(relu[4]).toBe(1);
    expect(relu.filter((v) => v !== 0)).toEqual([1]);
  });

  it("with reflect padding the dot still scores 1 and the bottom of the h's stem -1", () => {
    const conv = outputAt('hi-dot', 2, 0);
    expect(conv[4]).toBe(1);
    expect(conv[20]).toBe(-1);
  });
});

describe('the other lessons quote numbers someone can check', () => {
  it('by hand: 1..9 with the filter 1 2 / 3 4 gives 37 47 67 77; flipped, 23 33 53 63', () => {
    // 1x1 + 2x2 + 4x3 + 5x4 = 37; flipped (4 3 / 2 1): 1x4 + 2x3 + 4x2 + 5x1 = 23.
    expect(outputAt('by-hand', 1, 0)).toEqual([37, 47, 67, 77]);
    expect(outputAt('by-hand', 3, 0)).toEqual([23, 33, 53, 63]);
  });

  it('RGB: red 6 + green 0.5 + blue 0 - 0.5 = 6, then 0 and -6 across every row', () => {
    expect(outputAt('rgb', 2, 0)).toEqual([6, 0, -6, 6, 0, -6, 6, 0, -6]);
  });

  it('edge detection: the top-edge filter gives 2.99 under the top stroke and -2.99 above it', () => {
    const conv = outputAt('edge-detection', 1, 0);
    expect(conv[9 * 26 + 5]).toBeCloseTo(2.99, 2);
    expect(conv[7 * 26 + 4]).toBeCloseTo(-2.99, 2);
    expect(outputAt('edge-detection', 3, 1)[7 * 26 + 4]).toBe(0);
  });

  it('pooling: one cell right, relu1 moves and maxpool1 stays; one more, both move', () => {
    const peak = (values: number[], w: number) => [Math.floor(values.indexOf(1) / w), values.indexOf(1) % w];
    expect(peak(outputAt('pooling-translation', 0, 1), 8)).toEqual([2, 2]);
    expect(peak(outputAt('pooling-translation', 1, 2), 4)).toEqual([1, 1]);
    expect(peak(outputAt('pooling-translation', 2, 1), 8)).toEqual([2, 3]);
    expect(peak(outputAt('pooling-translation', 2, 2), 4)).toEqual([1, 1]);
    expect(peak(outputAt('pooling-translation', 3, 1), 8)).toEqual([2, 4]);
    expect(peak(outputAt('pooling-translation', 3, 2), 4)).toEqual([1, 2]);
  });

  it('dropout is the identity when evaluating', () => {
    expect(outputAt('dropout', 0, 0)).toEqual(Array.from({ length: 16 }, (_, k) => k + 1));
  });

  it('each lesson opens the tools its text talks about', () => {
    const tools = (name: string) => loadLesson(name).steps.map((s) => s.tool);
    expect(tools('by-hand')).toEqual(['symbolic', 'window', 'views', 'flip', 'code']);
    expect(tools('receptive-fields')).toEqual(['receptive', 'receptive', 'receptive', 'receptive']);
    expect(loadLesson('counting').steps.map((s) => s.preset)).toEqual([
      null,
      'lenet5',
      'alexnet-conv1',
      'vgg16',
      'inception-bottleneck',
    ]);
  });
});
