import { afterEach, describe, expect, it } from 'vitest';
import { readLesson } from '../../src-core/lessons/lesson-read';
import type { Lesson } from '../../src-core/lessons/lesson-types';
import { evaluate } from '../../src-core/sheet/evaluate';
import type { CellRef } from '../../src-core/sheet/precedents';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import { BUILTIN_LESSONS } from '../../src-renderer/lessons/builtin';
import '../../src-renderer/lessons/lesson-panel';

// The teaching tools in Chromium, on their own (no app): real layout, real timers. Numbers are the
// lessons' (see test/core/lessons for how each is worked out by hand).

afterEach(() => document.body.replaceChildren());

function lesson(id: string): Lesson {
  const l = BUILTIN_LESSONS.find((b) => b.id === id);
  if (l === undefined) throw new Error(id);
  return l.load();
}

function sheetAt(id: string, step: number) {
  const state = lesson(id).states[step];
  if (state === undefined) throw new Error('no step');
  const r = resolveWorkbook(state);
  if (!r.ok) throw new Error('bad sheet');
  return { resolved: r.value, evaluation: evaluate(r.value) };
}

/** Elements, through every shadow root below `root`, whose content is wider than they are. */
function overflowing(root: Element): string[] {
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    for (const el of node.querySelectorAll('*')) {
      // The whole script scrolls sideways on purpose: its lines hold the sheet's numbers, to be copied.
      const script = el.getAttribute('aria-label') === 'PyTorch code';
      if (!script && el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto') {
        found.push(`${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}`);
      }
      if (el.shadowRoot !== null) visit(el.shadowRoot);
    }
  };
  if (root.shadowRoot !== null) visit(root.shadowRoot);
  return found;
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the sliding window in the browser', () => {
  it('"hi" padded: a 7 x 7 grid with a hatched ring of 24 cells and 9 outlined; Play walks the 25 positions', async () => {
    const tool = document.createElement('cs-window-tool');
    Object.assign(tool, { ...sheetAt('hi-dot', 1), layer: 0, selectedCell: null });
    const selected: CellRef[] = [];
    tool.addEventListener('lesson-select', (e) => selected.push((e as CustomEvent<CellRef>).detail));
    document.body.append(tool);
    await tool.updateComplete;
    const input = tool.shadowRoot?.querySelector('.mini-grid');
    expect(input?.querySelectorAll('.cell')).toHaveLength(49);
    expect(input?.querySelectorAll('.cell.pad')).toHaveLength(24);
    expect(input?.querySelectorAll('.cell.window')).toHaveLength(9);
    // Every number can be read: a cell is at least 22 px wide.
    const cell = input?.querySelector('.cell')?.getBoundingClientRect();
    expect(cell?.width).toBeGreaterThanOrEqual(22);
    tool.shadowRoot?.querySelector<HTMLButtonElement>('button.play')?.click();
    await until(() => selected.length >= 2, 5000);
    expect(selected.slice(0, 2)).toEqual([
      { layer: 0, index: 1 },
      { layer: 0, index: 2 },
    ]);
    tool.shadowRoot?.querySelector<HTMLButtonElement>('button.play')?.click();
  });
});

describe('the lesson panel in the browser', () => {
  it.each(BUILTIN_LESSONS.map((b) => b.id))(
    '%s: every step fits the panel without a horizontal scroll bar',
    async (id) => {
      const panel = document.createElement('cs-lesson-panel');
      Object.assign(panel, { opened: { lesson: lesson(id) }, ...sheetAt(id, 0), selectedCell: null });
      panel.style.height = '880px';
      document.body.append(panel);
      await panel.updateComplete;
      for (let s = 0; s < lesson(id).steps.length; s++) {
        panel.goTo(s);
        Object.assign(panel, sheetAt(id, s));
        await panel.updateComplete;
        await new Promise((r) => requestAnimationFrame(r));
        expect(panel.getBoundingClientRect().width).toBe(420);
        expect(panel.scrollWidth, `step ${s + 1}`).toBeLessThanOrEqual(panel.clientWidth);
        // Nor inside it: a table in its own scroller counts as cramped too.
        expect(overflowing(panel), `step ${s + 1}`).toEqual([]);
      }
    },
  );
});

describe('the learn tool in the browser', () => {
  it('trains both networks in slices while the page stays responsive: 100 % against 50 % on the test strokes', async () => {
    const l = lesson('conv-vs-dense');
    const tool = document.createElement('cs-learn-tool');
    Object.assign(tool, { ...sheetAt('conv-vs-dense', 0), learning: l.learning });
    document.body.append(tool);
    await tool.updateComplete;
    let frames = 0;
    const count = () => {
      frames++;
      if (tool.running) requestAnimationFrame(count);
    };
    tool.shadowRoot?.querySelector<HTMLButtonElement>('button.train')?.click();
    requestAnimationFrame(count);
    await until(() => tool.shadowRoot?.querySelector('[role="status"]')?.textContent === 'step 150 of 150');
    await tool.updateComplete;
    // Slices leave room for the page to paint: more than a handful of frames went by while it trained.
    expect(frames).toBeGreaterThan(5);
    const rows = [...(tool.shadowRoot?.querySelectorAll('table[aria-label="scores"] tbody tr') ?? [])].map(
      (tr) => [...tr.querySelectorAll('td')].slice(2).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['100 %', '100 %'],
      ['87.5 %', '50 %'],
    ]);
  });

  it('a lesson file with a learn step but no examples is refused on reading', () => {
    const r = readLesson(
      JSON.stringify({
        format: 'convsheet-lesson',
        version: 1,
        title: 'x',
        workbook: { format: 'convsheet', version: 1, input: { shape: [1, 1, 1], data: [1] }, layers: [] },
        steps: [{ title: 'a', text: 'b', tool: 'learn' }],
      }),
    );
    expect(r.ok).toBe(false);
  });
});
