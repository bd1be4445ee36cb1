import { describe, expect, it } from 'vitest';
import { createRuns, scoreRun, stepRuns } from '../../../src-core/lessons/lesson-learning';
import { lessonMismatches } from '../../../src-core/lessons/lesson-check';
import { parseLesson, readLesson } from '../../../src-core/lessons/lesson-read';
import { loadLesson } from './support';

const workbook = {
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 1, 4], data: [0, 1, 0, 0] },
  layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 3], data: [-1, 1, -1] } }],
};

function lesson(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { format: 'convsheet-lesson', version: 1, title: 'A small one', workbook, steps, ...extra };
}

function errors(json: unknown): string[] {
  const r = parseLesson(json);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('reading a lesson file a teacher wrote', () => {
  it('reads a minimal lesson; its id comes from the title; text may be a list of lines', () => {
    const r = parseLesson(
      lesson([{ title: 'One', text: ['A line', '', 'another'], expect: [{ layer: 0, values: [1, -1] }] }]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('a-small-one');
    expect(r.value.steps[0]?.text).toBe('A line\n\nanother');
    // 0 1 0 under -1 1 -1 gives 1; 1 0 0 gives -1.
    expect(lessonMismatches(r.value)).toEqual([]);
  });

  it('applies each step on the sheet as the step before left it', () => {
    const r = parseLesson(
      lesson([
        { title: 'Pad', text: 'x', change: [{ layer: 0, set: { padding: [0, 1] } }] },
        { title: 'Bias', text: 'x', change: [{ layer: 0, bias: [0.5] }], shift: [0, 1] },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [a, b] = r.value.states;
    const conv = (w: typeof a) => (w?.layers[0]?.type === 'conv2d' ? w.layers[0] : null);
    expect(conv(a)?.padding).toEqual([0, 1]);
    expect(conv(b)?.padding).toEqual([0, 1]);
    expect(Array.from(conv(b)?.bias.data ?? [])).toEqual([0.5]);
    expect(Array.from(b?.input.data ?? [])).toEqual([0, 0, 1, 0]);
  });

  it('says what is wrong, and where', () => {
    expect(errors({ format: 'convsheet', version: 1 })[0]).toMatch(/not a ConvSheet lesson/);
    expect(errors(lesson([]))).toEqual(['a lesson needs "steps": a list of at least one step']);
    expect(errors(lesson([{ title: 'A', text: 'x', tool: 'magic' }]))[0]).toMatch(
      /^steps\[0\]\.tool must be one of window, symbolic/,
    );
    expect(
      errors(lesson([{ title: 'A', text: 'x', change: [{ layer: 3, set: { padding: 1 } }] }]))[0],
    ).toMatch(/^steps\[0\]: .*layers\[3\]/);
    expect(
      errors(lesson([{ title: 'A', text: 'x', change: [{ layer: 0, set: { padding: 'lots' } }] }]))[0],
    ).toMatch(/set\.padding must be a whole number, a pair, "valid" or "same"; got "lots"/);
    expect(errors(lesson([{ title: 'A', text: 'x', change: [{ layer: 0, weight: [1, 2] }] }]))[0]).toMatch(
      /needs 3 weight values; the change gives 2/,
    );
    expect(errors(lesson([{ title: 'A', text: 'x', expect: [{ layer: 0, values: [1] }] }]))[0]).toMatch(
      /^steps\[0\]\.expect\[0\]: 2 values expected for the output/,
    );
    expect(errors(lesson([{ title: 'A', text: 'x', select: { layer: 0, row: 0, col: 9 } }]))[0]).toMatch(
      /no such cell/,
    );
    expect(errors(lesson([{ title: 'A', text: 'x', tool: 'learn' }]))[0]).toMatch(/no "learning" block/);
    expect(
      errors({ ...lesson([{ title: 'A', text: 'x' }]), workbook: { format: 'convsheet', version: 1 } })[0],
    ).toMatch(/^workbook: /);
    const syntax = readLesson('{"format": ');
    expect(syntax.ok).toBe(false);
  });

  it('warns about keys it does not know', () => {
    const r = parseLesson(lesson([{ title: 'A', text: 'x', colour: 'red' }]));
    expect(r.warnings.map((w) => w.path)).toEqual(['steps[0].colour']);
  });

  it('a quoted number the engine does not compute is reported with its step', () => {
    const r = parseLesson(
      lesson([
        { title: 'A', text: 'x' },
        { title: 'B', text: 'x', expect: [{ layer: 0, values: [1, 0] }] },
      ]),
    );
    if (!r.ok) throw new Error('read failed');
    expect(lessonMismatches(r.value)).toEqual([{ step: 1, layer: 0, index: 1, quoted: 0, computed: -1 }]);
  });
});

describe('the learning lessons, trained as the learn tool trains them', () => {
  it('convolutional vs fully connected: after 150 steps 100 % against 87.5 % on training, 100 % against 50 % on test', () => {
    const l = loadLesson('conv-vs-dense');
    if (l.learning === null) throw new Error('no learning');
    const runs = createRuns(l.learning, l.workbook, 'Convolutional');
    if (!runs.ok) throw new Error(JSON.stringify(runs.errors));
    expect(runs.value.map((r) => r.title)).toEqual(['Convolutional', 'Fully connected']);
    while (stepRuns(runs.value, 25, l.learning.steps));
    const [conv, dense] = runs.value.map((r) => scoreRun(r, l.learning!));
    expect(runs.value.map((r) => r.losses.length)).toEqual([150, 150]);
    expect([conv?.trainAccuracy, conv?.testAccuracy]).toEqual([1, 1]);
    expect([dense?.trainAccuracy, dense?.testAccuracy]).toEqual([0.875, 0.5]);
  });

  it('learning a filter: from zeros to Sobel -1 0 1 / -2 0 2 / -1 0 1 in 200 steps', () => {
    const l = loadLesson('learning-a-filter');
    if (l.learning === null) throw new Error('no learning');
    const runs = createRuns(l.learning, l.workbook, 'sheet');
    if (!runs.ok) throw new Error(JSON.stringify(runs.errors));
    while (stepRuns(runs.value, 50, l.learning.steps));
    const learned = runs.value[0]?.trainer.workbook().layers[0];
    const weights = learned?.type === 'conv2d' ? Array.from(learned.weight.data ?? []) : [];
    [-1, 0, 1, -2, 0, 2, -1, 0, 1].forEach((w, k) => expect(weights[k]).toBeCloseTo(w, 2));
  });
});
