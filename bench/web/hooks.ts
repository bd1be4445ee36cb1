/**
 * What the benchmark page (main.ts) offers the benchmarks as `window.convsheetBench`: the types only,
 * so that the Node side's page.evaluate callbacks are checked against the page.
 */

export type WorkbookName = 'photo-edit' | 'pan-zoom' | 'first-run-photo';

/** One frame seen from the main thread. */
export interface FrameRecord {
  /** The frame's requestAnimationFrame timestamp (its start), ms. */
  readonly start: number;
  /** From that start until the frame's rendering was done (style, layout, paint, commit), ms. */
  readonly work: number;
}

export interface EditTiming {
  readonly js: number;
  readonly frame: number;
  readonly latency: number;
  readonly recompute: number;
}

export interface ScrollBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly scrollLeft: number;
  readonly scrollTop: number;
  readonly scrollWidth: number;
  readonly scrollHeight: number;
}

export interface BenchHooks {
  /** Builds a benchmark workbook in the page and opens it in the app (one undoable change). */
  open(name: WorkbookName): { buildMs: number; openMs: number };
  /** Resolves once the app, the sheet and every grid have finished updating. */
  settled(): Promise<void>;
  /** The next frame's requestAnimationFrame timestamp. */
  nextFrame(): Promise<number>;
  /** performance.now() once the current frame has been rendered (call it from a frame callback). */
  afterPaint(): Promise<number>;
  /** Waits for the updates in flight, then renders one frame; returns that frame's rendering ms. */
  frame(): Promise<number>;
  gridLabels(): string[];
  /** Sets cell `index` (row-major) of the grid labelled `label`, as committing a typed number does. */
  edit(label: string, index: number, value: number): void;
  /**
   * Times one edit of cell `index` of grid `label` to `value`, from a quiet main thread: the event and
   * the recompute and redraws it triggers, until every component has finished updating (js); the
   * rendering of the frame that shows it, from that frame's start to just after its paint (frame); the
   * whole wait, including the wait for the next frame (latency); and the engine's share (recompute).
   */
  timedEdit(label: string, index: number, value: number): Promise<EditTiming>;
  /** Milliseconds of the engine's last recompute. */
  lastRecompute(): number;
  /** One Ctrl+wheel notch on the sheet: +1 zooms in, -1 out. */
  zoomBy(direction: 1 | -1): void;
  zoom(): number;
  /** Times one Ctrl+wheel notch as timedEdit times an edit. */
  timedZoom(direction: 1 | -1): Promise<EditTiming>;
  /** Scrolls the block holding the grid labelled `label` to the sheet's top-left corner. */
  reveal(label: string): Promise<void>;
  scrollBox(): ScrollBox;
  scrollTo(left: number, top: number): void;
  /** Records every frame from now until stopFrames. */
  startFrames(): void;
  stopFrames(): FrameRecord[];
}

declare global {
  interface Window {
    convsheetBench: BenchHooks;
  }
}
