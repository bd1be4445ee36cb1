import { afterEach, describe, expect, it } from 'vitest';
import type { CsApp } from '../../src-renderer/app';
import type { CsSheet } from '../../src-renderer/sheet';
import type { GridSpec } from '../../src-renderer/sheet-model';
import '../../src-renderer/app';

async function mountApp(): Promise<{ app: CsApp; sheet: CsSheet }> {
  const app = document.createElement('cs-app');
  document.body.append(app);
  await app.updateComplete;
  const sheet = app.shadowRoot?.querySelector('cs-sheet');
  if (!sheet) throw new Error('no sheet');
  await sheet.updateComplete;
  return { app, sheet };
}

const filter1: GridSpec = {
  key: 'weight:0:0:0',
  label: 'conv1 filter 1',
  source: { kind: 'parameter', target: { kind: 'weight', layer: 0 } },
  offset: 0,
  rows: 3,
  cols: 3,
  editable: true,
};

function fire(target: EventTarget, type: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

function status(app: CsApp): string {
  return app.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
}

afterEach(() => document.body.replaceChildren());

describe('cs-app', () => {
  it('opens the first-run workbook with a block per layer', async () => {
    const { sheet } = await mountApp();
    const titles = [...(sheet.shadowRoot?.querySelectorAll('h2') ?? [])].map((h) => h.textContent);
    expect(titles[0]).toBe('Input');
    expect(titles).toHaveLength(7);
  });

  it('an edit from the sheet becomes an undoable change; Ctrl+Z and Ctrl+Y walk it back and forth', async () => {
    const { app, sheet } = await mountApp();
    fire(sheet, 'sheet-edit', { grid: filter1, changes: [{ index: 4, value: 2 }] });
    await app.updateComplete;
    expect(
      app.session.workbook.layers[0]?.type === 'conv2d' && app.session.workbook.layers[0].weight.data?.[4],
    ).toBe(2);
    expect(status(app)).toBe('conv1 filter 1, row 2, column 2 set to 2');
    app.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }),
    );
    await app.updateComplete;
    expect(
      app.session.workbook.layers[0]?.type === 'conv2d' && app.session.workbook.layers[0].weight.data?.[4],
    ).toBe(0);
    expect(status(app)).toBe('Undone: conv1 filter 1, row 2, column 2 set to 2');
    app.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'y', ctrlKey: true, bubbles: true, composed: true }),
    );
    await app.updateComplete;
    expect(status(app)).toBe('Redone: conv1 filter 1, row 2, column 2 set to 2');
  });

  it('a preset fills a filter slice; selecting a cell fills the formula bar', async () => {
    const { app, sheet } = await mountApp();
    fire(sheet, 'preset-apply', { grid: filter1, preset: 'sobel-top' });
    await app.updateComplete;
    const w = app.session.workbook.layers[0];
    expect(w?.type === 'conv2d' && [...(w.weight.data ?? new Float64Array()).subarray(0, 9)]).toEqual([
      1, 2, 1, 0, 0, 0, -1, -2, -1,
    ]);
    fire(sheet, 'sheet-select', {
      grid: filter1,
      selection: { anchor: { row: 0, col: 1 }, focus: { row: 0, col: 1 } },
      index: 1,
    });
    await app.updateComplete;
    const inspector = app.shadowRoot?.querySelector('cs-inspector');
    await inspector?.updateComplete;
    expect(inspector?.inspection?.name).toBe('conv1 filter 1 · row 1, column 2');
    expect(inspector?.inspection?.formula).toBe('2.00 (a weight: typed in, or learned)');
    expect(inspector?.inspection?.note).toBe(
      'multiplies 676 cells of the input and adds to 676 cells of conv1',
    );
  });

  it('a refused layer setting says why beside the control and keeps the sheet', async () => {
    const { app } = await mountApp();
    const panel = app.shadowRoot?.querySelector('cs-layer-panel');
    if (!panel) throw new Error('no panel');
    fire(panel, 'layer-change', { index: 0, setting: 'filters', patch: { filters: 0 } });
    await app.updateComplete;
    expect(panel.error?.messages).toEqual([
      'layers[0] (conv1): filters must be a whole number of at least 1; got 0',
    ]);
    expect(app.session.resolved.layers[0]?.outputShape).toEqual([2, 26, 26]);
  });

  it('names the layer whose values overflow, in the status line', async () => {
    const { app } = await mountApp();
    const errors = app.openWorkbook(
      {
        input: { shape: [1, 2, 2], data: Float64Array.from([1e200, 1, 1, 1]) },
        layers: [
          {
            type: 'conv2d',
            name: 'conv1',
            weight: { shape: [1, 1, 1, 1], data: Float64Array.from([1e200]) },
            bias: { shape: [1], data: Float64Array.from([0]) },
            hasBias: false,
            trainable: true,
            stride: 1,
            padding: 0,
            paddingMode: 'zeros',
            dilation: 1,
            flip: false,
          },
        ],
      },
      'opened',
    );
    expect(errors).toBeNull();
    await app.updateComplete;
    // 1e200 x 1e200 = 1e400 overflows float64 to Infinity at map 1, row 1, column 1.
    expect(app.shadowRoot?.querySelector('footer .warning')?.textContent).toBe(
      'layers[0] (conv1) produced 1 value that is not finite (overflow): the first is Infinity at map 1, row 1, column 1',
    );
  });
});

describe('the Learn drawer in the app', () => {
  it('keeps its examples when closed and opened again', async () => {
    const { app } = await mountApp();
    const toggle = app.shadowRoot?.querySelector<HTMLButtonElement>('button.learn-toggle');
    toggle?.click();
    await app.updateComplete;
    const panel = app.shadowRoot?.querySelector('cs-learn-panel');
    if (panel === null || panel === undefined) throw new Error('no learn panel');
    await panel.updateComplete;
    const add = [...(panel.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent?.trim() === "the sheet's input",
    );
    panel.settings = { ...panel.settings, loss: 'ce' };
    await panel.updateComplete;
    add?.click();
    expect(panel.set?.examples).toHaveLength(1);
    toggle?.click();
    await app.updateComplete;
    const drawer = app.shadowRoot?.querySelector<HTMLElement>('section.drawer');
    expect(drawer?.hidden).toBe(true);
    expect(toggle?.getAttribute('aria-pressed')).toBe('false');
    toggle?.click();
    await app.updateComplete;
    expect(drawer?.hidden).toBe(false);
    expect(app.shadowRoot?.querySelector('cs-learn-panel')).toBe(panel);
    expect(panel.set?.examples).toHaveLength(1);
  });

  it('keeps examples added after an edit when that edit is undone', async () => {
    const { app, sheet } = await mountApp();
    app.shadowRoot?.querySelector<HTMLButtonElement>('button.learn-toggle')?.click();
    await app.updateComplete;
    const panel = app.shadowRoot?.querySelector('cs-learn-panel');
    if (panel === null || panel === undefined) throw new Error('no learn panel');
    panel.settings = { ...panel.settings, loss: 'ce' };
    await panel.updateComplete;
    const add = (): void =>
      [...(panel.shadowRoot?.querySelectorAll('button') ?? [])]
        .find((b) => b.textContent?.trim() === "the sheet's input")
        ?.click();
    add();
    fire(sheet, 'sheet-edit', { grid: filter1, changes: [{ index: 4, value: 2 }] });
    await app.updateComplete;
    add();
    await app.updateComplete;
    expect(panel.set?.examples).toHaveLength(2);
    app.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }),
    );
    await app.updateComplete;
    await panel.updateComplete;
    // The filter edit is undone; the two examples, kept in the workbook's learn object, stay.
    const conv1 = app.session.workbook.layers[0];
    expect(conv1?.type === 'conv2d' && conv1.weight.data?.[4]).toBe(0);
    expect(panel.set?.examples).toHaveLength(2);
    expect(
      (app.session.workbook.learn as { examples?: { set?: { examples: unknown[] } } }).examples?.set
        ?.examples,
    ).toHaveLength(2);
  });
});
