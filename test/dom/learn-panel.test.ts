import { afterEach, describe, expect, it } from 'vitest';
import { writeExamples } from '../../src-core/learn/example-set';
import { vgg16 } from '../../src-core/lessons/shape-presets';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { parseWorkbook } from '../../src-core/sheet/read';
import type { Workbook } from '../../src-core/sheet/types';
import type { CsLearnPanel } from '../../src-renderer/learn/learn-panel';
import { learnTask } from '../../src-renderer/learn/tasks';
import {
  AppStandIn,
  inProcessWorker,
  redrawn,
  until,
  valuesOf,
  generatedTask,
  shadowOf,
} from './learn-support';

afterEach(() => {
  document.body.replaceChildren();
});

function button(panel: CsLearnPanel, text: string): HTMLButtonElement {
  const b = [...shadowOf(panel).querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (b === undefined) throw new Error(`no button "${text}"`);
  return b;
}

async function chooseSet(app: AppStandIn, id: string): Promise<void> {
  await redrawn(app.panel);
  const select = shadowOf(app.panel).querySelector<HTMLSelectElement>('select[aria-label="example set"]');
  if (select === null) throw new Error('no example set choice');
  select.value = `task:${id}`;
  select.dispatchEvent(new Event('change'));
  await redrawn(app.panel);
}

function statusText(panel: CsLearnPanel): string {
  return shadowOf(panel).querySelector('.status')?.textContent?.trim() ?? '';
}

function sobelNetwork(): Workbook {
  const task = learnTask('sobel');
  if (task === undefined) throw new Error('no task');
  return task.network(generatedTask('sobel').set);
}

describe('cs-learn-panel', () => {
  it('starts with nothing to learn from: Learn and Step disabled, and says so', async () => {
    const app = new AppStandIn(firstRunWorkbook(), inProcessWorker);
    await redrawn(app.panel);
    expect(statusText(app.panel)).toBe('Choose examples to learn from.');
    expect(button(app.panel, 'Learn').disabled).toBe(true);
    expect(button(app.panel, 'Step').disabled).toBe(true);
    expect(button(app.panel, 'Reset').disabled).toBe(true);
  });

  it('choosing "squares vs diamonds" opens its network (one undo step) and brings its settings', async () => {
    const app = new AppStandIn(firstRunWorkbook(), inProcessWorker);
    await redrawn(app.panel);
    await chooseSet(app, 'squares-diamonds');
    expect(app.labels).toEqual(['open']);
    expect(app.workbook.name).toBe('Squares vs diamonds');
    expect(app.workbook.input.shape).toEqual([1, 20, 20]);
    const s = app.panel.settings;
    expect([s.loss, s.optimizer, s.lr, s.batchSize, s.length, s.lengthUnit]).toEqual([
      'bce',
      'adam',
      0.05,
      20,
      30,
      'epochs',
    ]);
    await redrawn(app.panel);
    expect(statusText(app.panel)).toBe('300 examples: click Learn.');
    expect(button(app.panel, 'Learn').disabled).toBe(false);
    await until(() => app.panel.run.predictions?.test.count === 100, 5000, 'the answers before learning');
    await redrawn(app.panel);
    const gallery = shadowOf(app.panel).querySelector('cs-example-gallery');
    await gallery?.updateComplete;
    // A third held out: round(300 / 3) = 100 test examples. The random He filter gets 91 of 200
    // (45.5%) and 59 of 100 right, as trainer.measure counts them.
    const g = gallery?.shadowRoot;
    expect(g?.querySelector('.summary')?.textContent).toBe(
      '300 examples · 200 to learn from, 100 held out to test · 91 of 200 right when learning · 59 of 100 right on the test set',
    );
    // Cards come 64 to a page: 300 examples are 5 pages.
    const range = (): string => g?.querySelector('.range')?.textContent?.trim() ?? '';
    expect(g?.querySelectorAll('figure')).toHaveLength(64);
    expect(range()).toBe('1–64 of 300');
    const pageButton = (name: string): HTMLButtonElement | null | undefined =>
      g?.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
    expect(pageButton('previous page')?.disabled).toBe(true);
    for (let k = 0; k < 4; k++) {
      pageButton('next page')?.click();
      await gallery?.updateComplete;
    }
    expect(range()).toBe('257–300 of 300');
    expect(g?.querySelectorAll('figure')).toHaveLength(44);
    expect(pageButton('next page')?.disabled).toBe(true);
    // Only the wrong answers: 200 - 91 + 100 - 59 = 150, from the first page; only the held-out: 100.
    const show = g?.querySelector<HTMLSelectElement>('select[aria-label="examples shown"]');
    const choose = async (v: string): Promise<void> => {
      if (show === null || show === undefined) throw new Error('no show choice');
      show.value = v;
      show.dispatchEvent(new Event('change'));
      await gallery?.updateComplete;
    };
    await choose('wrong');
    expect(range()).toBe('1–64 of 150');
    expect([...(g?.querySelectorAll('figure') ?? [])].every((f) => f.classList.contains('wrong'))).toBe(true);
    await choose('test');
    expect(range()).toBe('1–64 of 100');
    expect([...(g?.querySelectorAll('figure') ?? [])].every((f) => f.classList.contains('test'))).toBe(true);
    // The settings and the generated set are kept in the workbook's learn object.
    const learn = app.workbook.learn as Record<string, unknown>;
    expect(learn.examples).toEqual({ kind: 'task', task: 'squares-diamonds', seed: 7 });
    expect((learn.settings as Record<string, unknown>).lr).toBe(0.05);
  });

  it('a workbook saved with learn settings reopens with them and with its generated set', async () => {
    const saved: Workbook = {
      ...sobelNetwork(),
      learn: {
        settings: { loss: 'mse', optimizer: 'sgd', lr: 0.02, momentum: 0.5 },
        examples: { kind: 'task', task: 'sobel', seed: 4 },
      },
    };
    const app = new AppStandIn(saved, inProcessWorker);
    await redrawn(app.panel);
    expect(app.panel.settings.lr).toBe(0.02);
    expect(app.panel.settings.momentum).toBe(0.5);
    expect(app.panel.source).toEqual({ kind: 'task', task: 'sobel', seed: 4 });
    expect(app.panel.set?.examples).toHaveLength(16);
    expect(app.labels).toEqual([]);
  });

  it('a learning rate typed in commits on change; text that is not a positive number is put back', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await chooseSet(app, 'sobel');
    const field = [...shadowOf(app.panel).querySelectorAll('label')]
      .find((l) => l.textContent?.includes('learning rate'))
      ?.querySelector('input');
    if (field === undefined || field === null) throw new Error('no learning rate field');
    field.value = '0.25';
    field.dispatchEvent(new Event('change'));
    expect(app.panel.settings.lr).toBe(0.25);
    await redrawn(app.panel);
    field.value = '-1';
    field.dispatchEvent(new Event('change'));
    expect(app.panel.settings.lr).toBe(0.25);
    expect(field.value).toBe('0.25');
  });

  it('a bias clicked in freezing mode is frozen: a step moves the weights and leaves the bias as it was', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await chooseSet(app, 'sobel');
    const filters = shadowOf(app.panel).querySelector('cs-learn-filters');
    await filters?.updateComplete;
    const toggle = filters?.shadowRoot?.querySelector<HTMLInputElement>('.freeze input');
    toggle?.click();
    await filters?.updateComplete;
    const bias = filters?.shadowRoot?.querySelector<HTMLButtonElement>('button.b');
    expect(bias?.getAttribute('aria-pressed')).toBe('false');
    bias?.click();
    expect((app.workbook.learn as { frozen?: unknown }).frozen).toEqual([{ layer: 'conv1', bias: [0] }]);
    await redrawn(app.panel);
    await filters?.updateComplete;
    expect(filters?.shadowRoot?.querySelector('button.b')?.getAttribute('aria-pressed')).toBe('true');
    expect(filters?.shadowRoot?.querySelector('button.b')?.textContent).toContain('(frozen)');
    const w0 = valuesOf(app.workbook, 0);
    const b0 = valuesOf(app.workbook, 0, 'bias');
    button(app.panel, 'Step').click();
    await until(() => app.panel.run.status === 'paused' && app.panel.run.updates === 1, 5000, 'a step');
    expect(valuesOf(app.workbook, 0, 'bias')).toEqual(b0);
    expect(valuesOf(app.workbook, 0)).not.toEqual(w0);
    // Clicked again, it thaws.
    await filters?.updateComplete;
    filters?.shadowRoot?.querySelector<HTMLButtonElement>('button.b')?.click();
    expect((app.workbook.learn as { frozen?: unknown }).frozen).toEqual([]);
  });

  it('Step: one update and one undo step; a weight typed on the sheet is used by the next step; Reset puts the start back', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await chooseSet(app, 'sobel');
    expect(app.labels).toEqual([]);
    const w0 = valuesOf(app.workbook, 0);
    const run = app.panel.run;

    button(app.panel, 'Step').click();
    await until(() => run.status === 'paused' && run.updates === 1, 5000, 'the first step');
    const g0 = Array.from(run.gradients[0]?.weight ?? []);
    // Momentum 0.9, first step: the buffer is the gradient itself, so w1 = w0 - 0.1 g0.
    expect(valuesOf(app.workbook, 0)).toEqual(w0.map((w, i) => w - 0.1 * (g0[i] ?? NaN)));
    expect(app.labels).toEqual(['learn']);

    app.edit(0, 4, 2.5);
    await redrawn(app.panel);
    button(app.panel, 'Step').click();
    await until(() => run.updates === 2 && run.status === 'paused', 5000, 'the second step');
    const g1 = run.gradients[0]?.weight[4] ?? NaN;
    expect(valuesOf(app.workbook, 0)[4]).toBe(2.5 - 0.1 * (0.9 * (g0[4] ?? NaN) + g1));
    expect(app.labels).toEqual(['learn', 'edit', 'learn']);
    expect(run.history.map((p) => p.step)).toEqual([0, 1, 2]);

    button(app.panel, 'Reset').click();
    expect(app.labels).toEqual(['learn', 'edit', 'learn', 'reset']);
    expect(valuesOf(app.workbook, 0)).toEqual(w0);
    expect(run.history).toEqual([]);
    // Reset is one undoable change: undo brings the learned weights back.
    app.undo();
    expect(valuesOf(app.workbook, 0)[4]).toBe(2.5 - 0.1 * (0.9 * (g0[4] ?? NaN) + g1));
  });

  it('tells what learning does through learn-status, ending "done" after the set number of steps', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await chooseSet(app, 'sobel');
    app.panel.settings = { ...app.panel.settings, length: 5, speed: 'fast' };
    await redrawn(app.panel);
    button(app.panel, 'Learn').click();
    await until(() => app.panel.run.status === 'done', 5000, 'the run to end');
    await redrawn(app.panel);
    const last = app.statuses[app.statuses.length - 1];
    expect(last?.state).toBe('done');
    expect(last?.step).toBe(5);
    expect(app.statuses.some((s) => s.state === 'running')).toBe(true);
    await redrawn(app.panel);
    expect(statusText(app.panel)).toMatch(/^step 5 of 5 · 5 epochs · loss \S+ · done$/);
    // The loss history is kept with the workbook when a run ends: steps 0 to 5.
    const history = (app.workbook.learn as { history?: { step: number[] } }).history;
    expect(history?.step).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('changing the network ends learning: nothing left to reset, and it says why', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await chooseSet(app, 'sobel');
    button(app.panel, 'Step').click();
    await until(() => app.panel.run.updates === 1 && app.panel.run.status === 'paused', 5000, 'a step');
    app.panel.workbook = firstRunWorkbook();
    await redrawn(app.panel);
    expect(app.panel.run.learned).toBe(false);
    expect(shadowOf(app.panel).querySelector('[role="alert"]')?.textContent).toContain('The network changed');
  });

  it("adds the sheet's input as an example of a chosen class, and learns from it with ce", async () => {
    const app = new AppStandIn(firstRunWorkbook(), inProcessWorker);
    await redrawn(app.panel);
    app.panel.settings = { ...app.panel.settings, loss: 'ce' };
    await redrawn(app.panel);
    const label = shadowOf(app.panel).querySelector<HTMLSelectElement>(
      'select[aria-label="label of new examples"]',
    );
    // The first-run network ends in 10 class scores: labels 0 to 9.
    expect([...(label?.options ?? [])].map((o) => o.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    if (label === null) throw new Error('no label choice');
    label.value = '3';
    label.dispatchEvent(new Event('change'));
    button(app.panel, "the sheet's input").click();
    await redrawn(app.panel);
    expect(app.panel.source).toEqual({ kind: 'own' });
    expect(app.panel.set?.examples.map((e) => e.label)).toEqual([3]);
    expect(Array.from(app.panel.set?.examples[0]?.input.data ?? [])).toEqual(
      Array.from(app.workbook.input.data ?? []),
    );
    button(app.panel, 'Step').click();
    await until(() => app.panel.run.updates === 1 && app.panel.run.status === 'paused', 5000, 'a step');
    // ce of one example: the loss is -log softmax(scores)[3], a positive number.
    expect(app.panel.run.last?.loss).toBeGreaterThan(0);
    expect(app.panel.run.gradients.map((g) => g.layer)).toEqual([0, 2, 5]);
    // Another example added: the status speaks of the examples now, not of the last step's loss.
    await redrawn(app.panel);
    button(app.panel, "the sheet's input").click();
    await redrawn(app.panel);
    expect(statusText(app.panel)).toBe(
      '2 examples: click Learn to go on from the 1 step learned (Reset puts back the start).',
    );
    button(app.panel, 'Step').click();
    await until(() => app.panel.run.updates === 2, 5000, 'a second step');
    await redrawn(app.panel);
    // Learning went on with both: the status gives the run's figures again.
    expect(statusText(app.panel)).toMatch(/^step 2 · .* · paused$/);
  });

  it('loads an examples file, or names the place of the first problem in it', async () => {
    const app = new AppStandIn(sobelNetwork(), inProcessWorker);
    await redrawn(app.panel);
    const input = shadowOf(app.panel).querySelector<HTMLInputElement>('input[type="file"]');
    if (input === null) throw new Error('no file input');
    const load = async (text: string, name: string): Promise<void> => {
      Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
      input.dispatchEvent(new Event('change'));
      await until(
        () => app.panel.fileIssues.length > 0 || app.panel.source?.kind === 'file',
        2000,
        'the file',
      );
      await redrawn(app.panel);
    };
    await load(
      '{"format": "convsheet-examples", "version": 1, "examples": [{"input": {"shape": [1, 2, 2], "data": [0, 1, "x", 3]}, "label": 0}]}',
      'bad.examples.json',
    );
    expect(app.panel.fileIssues[0]?.path).toBe('examples[0].input.data[2]');
    const task = learnTask('sobel');
    if (task === undefined) throw new Error('no task');
    await load(writeExamples(generatedTask('sobel', 5).set), 'mine.examples.json');
    expect(app.panel.fileIssues).toEqual([]);
    expect(app.panel.source).toEqual({ kind: 'file', name: 'mine.examples.json' });
    expect(app.panel.set?.examples).toHaveLength(16);
    expect(button(app.panel, 'Learn').disabled).toBe(false);
  });

  it('opens on a shape-only VGG-16 without drawing its 138 million weights', async () => {
    const read = parseWorkbook(vgg16);
    if (!read.ok) throw new Error('VGG-16 does not read');
    const app = new AppStandIn(read.value, inProcessWorker);
    await redrawn(app.panel);
    const filters = shadowOf(app.panel).querySelector('cs-learn-filters');
    await filters?.updateComplete;
    const text = filters?.shadowRoot?.textContent ?? '';
    // fc of VGG-16: 4096 x 25088 = 102,760,448 weights.
    expect(text).toContain('102,760,448 weights: the workbook gives their shapes only.');
    expect(filters?.shadowRoot?.querySelectorAll('cs-grid')).toHaveLength(0);
  });
});
