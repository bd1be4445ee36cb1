import { afterEach, describe, expect, it } from 'vitest';
import { readLesson } from '../../src-core/lessons/lesson-read';
import type { CsApp } from '../../src-renderer/app';
import type { CsLessonPanel } from '../../src-renderer/lessons/lesson-panel';
import '../../src-renderer/app';

// The lesson panel inside the app, in happy-dom: opening a lesson replaces the sheet (undoably), Next
// and Back set each step up, tools ask for edits and selections through events. Numbers are the
// lonely 1's: signal 0,0,1,1,1,0,1,0,0,0, filter -1,1,-1.

async function mountApp(): Promise<CsApp> {
  const app = document.createElement('cs-app');
  document.body.append(app);
  await app.updateComplete;
  return app;
}

async function settle(app: CsApp): Promise<void> {
  // The panel sets a step up after rendering: a few rounds of updates.
  for (let i = 0; i < 4; i++) {
    await app.updateComplete;
    await panelOf(app)?.updateComplete;
  }
}

function panelOf(app: CsApp): CsLessonPanel | null {
  return app.shadowRoot?.querySelector('cs-lesson-panel') ?? null;
}

async function openLesson(app: CsApp, id: string): Promise<CsLessonPanel> {
  const menu = app.shadowRoot?.querySelector('cs-lesson-menu');
  const select = menu?.shadowRoot?.querySelector<HTMLSelectElement>('select');
  if (!select) throw new Error('no lesson menu');
  select.value = id;
  select.dispatchEvent(new Event('change'));
  await settle(app);
  const panel = panelOf(app);
  if (panel === null) throw new Error('no lesson panel');
  return panel;
}

function output(app: CsApp, layer: number): number[] {
  return Array.from(app.session.evaluation.outputs[layer]?.data ?? []);
}

function text(el: Element | null | undefined): string {
  return (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

async function next(app: CsApp, panel: CsLessonPanel): Promise<void> {
  panel.shadowRoot?.querySelector<HTMLButtonElement>('button.next')?.click();
  await settle(app);
}

afterEach(() => {
  document.body.replaceChildren();
  // The app keeps unsaved work in the browser's storage; each test starts from the first-run sheet.
  localStorage.clear();
});

describe('the lesson panel in the app', () => {
  it('opening the lonely 1 puts its sheet in place, undoably, and selects the first output cell', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'lonely-one');
    expect(app.session.workbook.name).toBe('The lonely 1');
    expect(output(app, 0)).toEqual([-1, 0, -1, 0, -2, 1, -1, 0]);
    expect(app.session.history.past.length).toBe(1);
    expect(text(panel)).toContain('Step 1 of 6');
    expect(text(panel)).toContain('A signal and a filter');
    expect(app.selected?.key).toBe('map:0:0');
    // The window tool shows the first window's products and sum.
    const tool = panel.shadowRoot?.querySelector('cs-window-tool');
    await tool?.updateComplete;
    expect(tool?.shadowRoot?.querySelector('.sum')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '0×-1 + 0×1 + 1×-1 = -1',
    );
  });

  it('Next sets each step up; Back goes back to the sheet of the step before', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'lonely-one');
    await next(app, panel);
    expect(panel.tool).toBe('symbolic');
    const symbolic = panel.shadowRoot?.querySelector('cs-symbolic-tool');
    await symbolic?.updateComplete;
    expect(text(symbolic)).toContain('0w + 1x + 0y');
    await next(app, panel);
    expect(app.session.workbook.layers.map((l) => l.type)).toEqual(['conv2d', 'relu']);
    expect(output(app, 1)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    await next(app, panel);
    expect(output(app, 0)).toEqual([0, -1, 0, -1, 0, -2, 1, -1, 0, 0]);
    panel.shadowRoot?.querySelector<HTMLButtonElement>('.steps button')?.click();
    await settle(app);
    expect(panel.step).toBe(2);
    expect(output(app, 0)).toEqual([-1, 0, -1, 0, -2, 1, -1, 0]);
  });

  it('edits made while reading a step survive Next when the next step leaves the sheet alone', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'receptive-fields');
    const before = app.session.workbook;
    app.openWorkbook({ ...before, name: 'edited' }, 'edited');
    await next(app, panel);
    expect(app.session.workbook.name).toBe('edited');
  });

  it('the translate tool shifts the input as an undoable edit and says what moved', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'pooling-translation');
    await next(app, panel);
    await next(app, panel);
    const tool = panel.shadowRoot?.querySelector('cs-translate-tool');
    await tool?.updateComplete;
    // The step itself shifted the plus one cell right: relu1 moved, maxpool1 did not change.
    expect(text(tool)).toContain('The input moved one cell right');
    expect(text(tool)).toContain('relu1 moved one cell right');
    expect(text(tool)).toContain('maxpool1 same: not one value changed');
    tool?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="shift down"]')?.click();
    await settle(app);
    await tool?.updateComplete;
    expect(text(tool)).toContain('The input moved one cell down');
    expect(app.message).toBe('input shifted one cell down');
  });

  it('the flip tool flips the kernel; the note says why libraries do not', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'by-hand');
    panel.tool = 'flip';
    await settle(app);
    const tool = panel.shadowRoot?.querySelector('cs-flip-tool');
    await tool?.updateComplete;
    expect(text(tool)).toContain('cross-correlation');
    tool?.shadowRoot?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    await settle(app);
    expect(output(app, 0)).toEqual([23, 33, 53, 63]);
  });

  it('closing the panel removes it and keeps the sheet', async () => {
    const app = await mountApp();
    const panel = await openLesson(app, 'hi-dot');
    panel.shadowRoot?.querySelector<HTMLButtonElement>('.close')?.click();
    await app.updateComplete;
    expect(panelOf(app)).toBeNull();
    expect(app.session.workbook.name).toBe('"hi" and a dot detector');
  });

  it('the tools alone work on the current sheet, without a lesson', async () => {
    const app = await mountApp();
    const before = app.session.workbook;
    const panel = await openLesson(app, 'tools');
    expect(app.session.workbook).toBe(before);
    expect(text(panel)).toContain('Teaching tools');
    panel.tool = 'code';
    await settle(app);
    const code = panel.shadowRoot?.querySelector('cs-code-tool');
    await code?.updateComplete;
    expect(code?.shadowRoot?.querySelector('pre[aria-label="F.conv2d call"]')?.textContent).toMatch(
      /^F\.conv2d\(x, w, (b|None), stride=\(1, 1\), dilation=\(1, 1\)/,
    );
    expect(code?.shadowRoot?.querySelector('pre[aria-label="PyTorch code"]')?.textContent).toContain(
      'model = nn.Sequential(',
    );
  });
});

describe("a teacher's lesson file", () => {
  const lesson = (steps: unknown[]) =>
    readLesson(
      JSON.stringify({
        format: 'convsheet-lesson',
        version: 1,
        title: 'Mine',
        workbook: {
          format: 'convsheet',
          version: 1,
          input: { shape: [1, 1, 3], data: [1, 2, 3] },
          layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 2], data: [1, 1] } }],
        },
        steps,
      }),
    );

  it('shows its text as text, never as HTML, and warns about a number the sheet does not compute', async () => {
    const app = await mountApp();
    const r = lesson([
      {
        title: 'Sums',
        text: 'Adds **pairs**: <img src=x onerror=alert(1)> gives 3 and 5.',
        expect: [{ layer: 0, values: [3, 6] }],
      },
    ]);
    if (!r.ok) throw new Error('not read');
    app.lesson = { lesson: r.value };
    await settle(app);
    const panel = panelOf(app);
    const step = panel?.shadowRoot?.querySelector('.step');
    expect(step?.querySelector('img')).toBeNull();
    expect(step?.querySelector('strong')?.textContent).toBe('pairs');
    expect(step?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(text(panel)).toContain(
      'quotes 1 number the sheet does not compute (first: step 1, 6 where the sheet has 5)',
    );
  });
});
