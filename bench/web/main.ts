/**
 * The benchmark page's script: the app as the browser version starts it, and `window.convsheetBench`,
 * what the benchmarks in bench/ call through page.evaluate: open a workbook, set a cell as a typed
 * number does, wait for every component to finish updating, and time frames.
 */
import '../../src-renderer/main';
import type { CsApp } from '../../src-renderer/app';
import type { CsGrid } from '../../src-renderer/grid';
import type { CsSheet } from '../../src-renderer/sheet';
import { firstRunPhotoWorkbook, panZoomWorkbook, photoEditWorkbook } from '../workbooks';
import type { BenchHooks, EditTiming, FrameRecord, WorkbookName } from './hooks';

const builders: Record<WorkbookName, () => ReturnType<typeof photoEditWorkbook>> = {
  'photo-edit': photoEditWorkbook,
  'pan-zoom': panZoomWorkbook,
  'first-run-photo': firstRunPhotoWorkbook,
};

function app(): CsApp {
  const a = document.querySelector('cs-app');
  if (a === null) throw new Error('no cs-app');
  return a;
}

function sheet(): CsSheet {
  const s = app().shadowRoot?.querySelector('cs-sheet');
  if (s === null || s === undefined) throw new Error('no cs-sheet');
  return s;
}

function grids(): CsGrid[] {
  return [...(sheet().shadowRoot?.querySelectorAll('cs-grid') ?? [])];
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

// A message posted from requestAnimationFrame arrives once that frame's rendering is done.
const afterPaint = () =>
  new Promise<number>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });

async function settled(): Promise<void> {
  await app().updateComplete;
  await sheet().updateComplete;
  await Promise.all(grids().map((g) => g.updateComplete));
}

/** Times `act` and the frame that shows it (hooks.timedEdit). */
async function timed(act: () => void, recomputes: boolean): Promise<EditTiming> {
  // Start on a quiet main thread: the previous frame is out.
  await nextFrame();
  await afterPaint();
  // Marks for a trace of the same run (bench/trace.ts): CPU time between them.
  performance.mark('cs-edit');
  const t0 = performance.now();
  act();
  await settled();
  const t1 = performance.now();
  // A frame whose start was stamped while the edit still ran is counted from the edit's end.
  const start = Math.max(await nextFrame(), t1);
  const painted = await afterPaint();
  performance.mark('cs-painted');
  performance.clearMarks();
  return {
    js: t1 - t0,
    frame: painted - start,
    latency: painted - t0,
    recompute: recomputes ? app().session.lastRecompute : 0,
  };
}

let recording: { frames: FrameRecord[]; stop: boolean } | null = null;

const hooks: BenchHooks = {
  open(name) {
    const t0 = performance.now();
    const workbook = builders[name]();
    const built = performance.now();
    const errors = app().openWorkbook(workbook, `benchmark: ${name}`);
    if (errors !== null) throw new Error(errors.map((e) => e.message).join(' '));
    return { buildMs: built - t0, openMs: performance.now() - built };
  },
  settled,
  nextFrame,
  afterPaint,
  async frame() {
    await settled();
    const start = await nextFrame();
    const painted = await afterPaint();
    return painted - start;
  },
  gridLabels: () => grids().map((g) => g.label),
  edit(label, index, value) {
    const grid = grids().find((g) => g.label === label);
    if (grid === undefined) throw new Error(`no grid "${label}"`);
    grid.dispatchEvent(
      new CustomEvent('cell-edit', {
        detail: { changes: [{ row: Math.floor(index / grid.cols), col: index % grid.cols, index, value }] },
        bubbles: true,
        composed: true,
      }),
    );
  },
  lastRecompute: () => app().session.lastRecompute,
  timedEdit: (label, index, value) => timed(() => hooks.edit(label, index, value), true),
  zoomBy(direction) {
    const scroller = sheet().shadowRoot?.querySelector('.scroller');
    scroller?.dispatchEvent(
      new WheelEvent('wheel', { deltaY: -direction * 100, ctrlKey: true, bubbles: true, cancelable: true }),
    );
  },
  zoom: () => app().view.zoom,
  timedZoom: (direction) => timed(() => hooks.zoomBy(direction), false),
  async reveal(label) {
    const grid = grids().find((g) => g.label === label);
    if (grid === undefined) throw new Error(`no grid "${label}"`);
    // The grid's block at the left edge of the sheet: the maps it feeds follow it to the right.
    grid.closest('section')?.scrollIntoView({ block: 'start', inline: 'start' });
    await hooks.frame();
    await hooks.frame();
  },
  scrollBox() {
    const s = sheet().shadowRoot?.querySelector('.scroller');
    if (s === null || s === undefined) throw new Error('no scroller');
    const r = s.getBoundingClientRect();
    return {
      left: r.left,
      top: r.top,
      width: r.width,
      height: r.height,
      scrollLeft: s.scrollLeft,
      scrollTop: s.scrollTop,
      scrollWidth: s.scrollWidth,
      scrollHeight: s.scrollHeight,
    };
  },
  scrollTo(left, top) {
    sheet().shadowRoot?.querySelector('.scroller')?.scrollTo(left, top);
  },
  startFrames() {
    const r = { frames: [] as FrameRecord[], stop: false };
    recording = r;
    const loop = (start: number) => {
      if (r.stop) return;
      // A mark per frame: a trace gives the main thread's CPU time from one frame to the next.
      performance.mark('cs-frame');
      performance.clearMarks();
      requestAnimationFrame(loop);
      void afterPaint().then((painted) => r.frames.push({ start, work: painted - start }));
    };
    requestAnimationFrame(loop);
  },
  stopFrames() {
    const r = recording;
    if (r === null) return [];
    r.stop = true;
    recording = null;
    return r.frames;
  },
};

window.convsheetBench = hooks;
