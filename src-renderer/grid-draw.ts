/**
 * Keeps what a grid shows in step with its properties after each Lit update: the colour canvas, the
 * numbers-and-marks canvas and the gridcells' names, each redrawn only when a property it shows changed.
 */
import { maxAbs, type ColourScaleName } from './colour';
import type { Viewport } from './grid-events';
import { CellLabels, DOM_CELL_LIMIT, paintHeatmap, type PaintInput, type VisiblePart } from './grid-paint';
import { rangeOf, type GridSelection } from './grid-selection';
import { OverlayPainter } from './grid-overlay';

/** The properties of a grid that decide what it draws. */
export interface GridLook {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly decimals: number;
  readonly numbers: boolean;
  readonly scale: ColourScaleName;
  readonly limit: number | undefined;
  readonly marks: Uint8Array | null;
  readonly selection: GridSelection | null;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly fontSize: number;
  readonly viewport: Viewport | null;
}

/** What the colours show: a zoom that brings numbers in or out leaves them as they are. */
const COLOURS = ['values', 'limit', 'scale', 'rows', 'cols'];

const LOOKS = [...COLOURS, 'decimals', 'numbers'];

const OVERLAY = ['marks', 'cellWidth', 'cellHeight', 'fontSize', 'viewport'];

export class GridDrawing {
  private labels: CellLabels | null = null;
  private overlay = new OverlayPainter();
  /** The heat canvas does not show the current values: painting it was put off while off screen. */
  private heatStale = true;
  /** The heat canvas was cleared since it was last painted. */
  private heatBlank = false;
  /** The numbers canvas is hidden and behind: drawing it was put off while off screen. */
  private overlayStale = false;
  /** Drawing the rest of the numbers canvas is waiting for idle time. */
  private idle = false;
  /** The gridcells' names are behind the values: naming them was put off while off screen. */
  private labelsStale = false;
  /** Naming them waits for idle time, with these values. */
  private labelsIdle = false;
  private labelsFrom: { values: ArrayLike<number>; decimals: number } | null = null;
  /**
   * Whether the grid is on or near the screen, as an IntersectionObserver last saw it (null: not yet
   * known). Off screen, a grid puts off painting until it comes back; the owner then updates it.
   */
  onScreen: boolean | null = null;
  /** The element the grid scrolls in (the observer's root); null: the window. */
  scrollRoot: Element | null = null;

  /** Painting was put off: update the grid when it comes on screen. */
  get stale(): boolean {
    return this.heatStale || this.overlayStale || this.labelsStale;
  }

  /**
   * Draws after an update; `changed` holds the names of the properties that changed. What needs the
   * layout is read for every grid updated in the same task before any of them draws (layoutBatch): a
   * zoom resizes every grid, and reading one grid's place after another drew would lay the sheet out
   * again for each.
   */
  draw(root: ParentNode, host: Element, look: GridLook, changed: ReadonlyMap<PropertyKey, unknown>): void {
    const change: Change = {
      zoomed: changed.has('cellWidth') || changed.has('cellHeight'),
      looks: LOOKS.some((k) => changed.has(k)),
      overlay: OVERLAY.some((k) => changed.has(k)),
      labels: changed.has('values') || changed.has('decimals'),
      selection: changed.has('selection'),
      marks: changed.has('marks'),
    };
    const heat = root.querySelector<HTMLCanvasElement>('canvas.heat');
    if (
      heat !== null &&
      (heat.width !== look.cols || heat.height !== look.rows || COLOURS.some((k) => changed.has(k)))
    ) {
      this.heatStale = true;
    }
    const overlay = root.querySelector<HTMLCanvasElement>('canvas.overlay');
    const place = new Placement(host, look, change.zoomed, this);
    // Small grids cost little to paint: their colours are always current.
    const heatMayWait = heat !== null && look.rows * look.cols > DOM_CELL_LIMIT;
    layoutBatch.add({
      // What the writes below will read from the layout, read first.
      read: () => {
        if (heatMayWait && this.heatStale) place.offScreen();
        if (this.overlayDue(overlay, change) && !place.offScreen()) place.visible();
      },
      write: () => {
        this.paintHeat(heat, heatMayWait, look, place);
        this.paintOverlay(overlay, look, change, place);
        this.labelCells(root, look, change, place);
      },
    });
  }

  private paintHeat(
    heat: HTMLCanvasElement | null,
    mayWait: boolean,
    look: GridLook,
    place: Placement,
  ): void {
    if (heat === null || !this.heatStale) return;
    if (mayWait && place.offScreen()) {
      if (!this.heatBlank) {
        // Blank rather than the old colours, should it be seen before it is painted.
        heat.width = look.cols;
        heat.height = look.rows;
        this.heatBlank = true;
      }
      return;
    }
    paintHeatmap(heat, place.input());
    this.heatStale = false;
    this.heatBlank = false;
  }

  /** Whether the numbers canvas has anything to redraw. */
  private overlayDue(overlay: HTMLCanvasElement | null, change: Change): boolean {
    return overlay !== null && (change.looks || change.overlay || overlay.width === 0 || this.overlayStale);
  }

  private paintOverlay(
    overlay: HTMLCanvasElement | null,
    look: GridLook,
    change: Change,
    place: Placement,
  ): void {
    if (overlay === null || !this.overlayDue(overlay, change)) return;
    // Hidden until redrawn: its cells keep what they showed, so the redraw is still incremental.
    const shown = place.offScreen() ? null : place.visible();
    this.overlayStale = shown === null && (look.numbers || look.marks !== null);
    const hidden = shown === null || (!look.numbers && look.marks === null);
    overlay.style.display = hidden ? 'none' : '';
    if (hidden) return;
    const { cellWidth, cellHeight, fontSize } = look;
    // The cells on screen now, the margin around them when the main thread is idle.
    const now = look.viewport === null ? null : shown;
    this.overlay.paint(overlay, place.input(), around(shown, look), cellWidth, cellHeight, fontSize, now);
    if (this.overlay.pending) this.drawRestWhenIdle();
  }

  /**
   * Draws the rest of the numbers canvas in idle time, in slices that fit it: the margin around the
   * part on screen, where the next frames of a scroll will look.
   */
  private drawRestWhenIdle(): void {
    if (this.idle) return;
    this.idle = true;
    idleDrawings.add(this);
    afterIdle((remaining) => {
      this.idle = false;
      // About 4 us to lay down a number and as much again for the browser to draw it (software); half
      // the idle time left, as the machine may be busy, in slices of at most a few ms.
      const cells = Math.min(MAX_IDLE_CELLS, Math.max(50, remaining * 60));
      if (!this.overlay.drawRest(cells)) this.drawRestWhenIdle();
      else idleDrawings.delete(this);
    });
  }

  private labelWhenIdle(labels: CellLabels, look: GridLook): void {
    this.labelsFrom = { values: look.values, decimals: look.decimals };
    if (this.labelsIdle) return;
    this.labelsIdle = true;
    afterIdle(() => {
      this.labelsIdle = false;
      const from = this.labelsFrom;
      if (!this.labelsStale || from === null || this.labels !== labels) return;
      labels.label(from.values, from.decimals);
      this.labelsStale = false;
    });
  }

  /** The gridcells of a small grid: built once per size, named by their numbers, selection marked. */
  private labelCells(root: ParentNode, look: GridLook, change: Change, place: Placement): void {
    const cells = root.querySelector<HTMLElement>('.cells');
    if (cells === null || look.rows * look.cols > DOM_CELL_LIMIT) {
      this.labels = null;
      return;
    }
    const fresh =
      this.labels === null || this.labels.size !== look.rows * look.cols || cells.childElementCount === 0;
    if (fresh) {
      this.labels = new CellLabels(cells);
      this.labels.build(look.rows, look.cols);
    }
    const labels = this.labels;
    if (labels === null) return;
    if (fresh || change.labels || this.labelsStale) {
      // Naming a thousand cells costs milliseconds, at every frame of a learning run: a grid off
      // screen is named in idle time instead (or when it comes back, whichever is first).
      this.labelsStale = !fresh && place.offScreen();
      if (!this.labelsStale) labels.label(look.values, look.decimals);
      else this.labelWhenIdle(labels, look);
    }
    if (fresh || change.selection) labels.select(selectedIndices(look));
    if (fresh || change.marks) labels.mark(look.marks);
  }
}

/** Cells drawn in one idle slice at most: about 3 ms. */
const MAX_IDLE_CELLS = 400;

/** Drawings with cells left for idle time. */
const idleDrawings = new Set<GridDrawing>();

/**
 * Resolves once no grid has numbers left to draw in idle time: every numbers canvas then shows what a
 * drawing of all its cells at once shows.
 */
export async function idleDrawingDone(): Promise<void> {
  while (idleDrawings.size > 0) await new Promise<void>((resolve) => afterIdle(() => resolve()));
}

/**
 * Runs `task` when the main thread is idle after the next frame, with the ms left of that idle period.
 * Not before that frame: the wait for it is idle too, and the frame that shows a change comes first.
 */
function afterIdle(task: (remaining: number) => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestAnimationFrame(() =>
      requestIdleCallback((deadline) => task(deadline.timeRemaining()), { timeout: 500 }),
    );
  } else {
    setTimeout(() => task(10), 50);
  }
}

/** Which of what a grid shows an update changed (from the names of the properties that changed). */
interface Change {
  /** Cell size: the grid moved and resized. */
  readonly zoomed: boolean;
  /** Values or how they are shown: colours, texts. */
  readonly looks: boolean;
  /** What only the numbers canvas shows: marks, sizes, the viewport. */
  readonly overlay: boolean;
  /** The gridcells' names. */
  readonly labels: boolean;
  readonly selection: boolean;
  readonly marks: boolean;
}

/**
 * Where a grid is, read from the layout once per draw and only when needed (reading it forces a
 * layout), and what it paints from.
 */
class Placement {
  private part: VisiblePart | null | undefined;
  private away: boolean | undefined;
  private paintInput: PaintInput | null = null;

  constructor(
    private readonly host: Element,
    private readonly look: GridLook,
    private readonly zoomed: boolean,
    private readonly drawing: GridDrawing,
  ) {}

  /** The part of the grid in the viewport (the whole grid without one); null when none of it is. */
  visible(): VisiblePart | null {
    if (this.part === undefined) this.part = visiblePart(this.host, this.look);
    return this.part;
  }

  /**
   * Most of a sheet is off screen (a photo's holds dozens of maps of 512 x 512 cells; at 100 % even the
   * digit's sheet is four screens wide): what is not seen is drawn when it comes near the view. The
   * intersection observer says where a grid is without forcing a layout, but a frame or more late, and
   * updates the grid when it comes near. A grid it last saw away is measured where it may have just
   * moved: a heatmap against the viewport (a scroll updates it in the same frame), any grid after a zoom.
   */
  offScreen(): boolean {
    if (this.drawing.onScreen !== false) return false;
    if (this.look.viewport !== null) return this.visible() === null;
    const root = this.drawing.scrollRoot;
    this.away ??= root === null || !this.zoomed || !nearScreen(this.host, root);
    return this.away;
  }

  /**
   * Spelled out: a Lit element's properties are accessors, which object spread would not copy. Made on
   * demand: a grid normalised to itself scans all its values for the limit, which a scroll never needs.
   */
  input(): PaintInput {
    const look = this.look;
    this.paintInput ??= {
      values: look.values,
      rows: look.rows,
      cols: look.cols,
      decimals: look.decimals,
      numbers: look.numbers,
      scale: look.scale,
      limit: look.limit ?? maxAbs(look.values),
      marks: look.marks,
    };
    return this.paintInput;
  }
}

/** A grid's drawing: what it reads from the layout, then what it writes. */
interface LayoutJob {
  read(): void;
  write(): void;
}

/**
 * The drawings of the grids updated in one task, run together in a microtask: all reads, then all
 * writes, so the sheet is laid out once however many grids moved. Lit updates the grids of one render
 * in consecutive microtasks, so this runs after the last of them and before anything awaiting their
 * updateComplete resumes.
 */
const layoutBatch = {
  jobs: [] as LayoutJob[],
  add(job: LayoutJob): void {
    if (this.jobs.length === 0) queueMicrotask(() => this.run());
    this.jobs.push(job);
  },
  run(): void {
    const jobs = this.jobs;
    this.jobs = [];
    for (const job of jobs) job.read();
    for (const job of jobs) job.write();
  },
};

/** How far beyond the scroller a grid counts as near the screen, as a share of the scroller's size. */
export const NEAR = 0.25;

/** Whether the grid is inside `root`'s box widened by NEAR on each side. */
function nearScreen(host: Element, root: Element): boolean {
  const r = root.getBoundingClientRect();
  const b = host.getBoundingClientRect();
  const x = r.width * NEAR;
  const y = r.height * NEAR;
  return b.right > r.left - x && b.left < r.right + x && b.bottom > r.top - y && b.top < r.bottom + y;
}

/** The part of a grid inside the viewport, in grid px; null when none of it is visible. */
function visiblePart(host: Element, look: GridLook): VisiblePart | null {
  const w = look.cols * look.cellWidth;
  const h = look.rows * look.cellHeight;
  // Without a viewport, a canvas of at most 4096 px a side: beyond that browsers refuse to allocate.
  if (look.viewport === null) return { left: 0, top: 0, width: Math.min(w, 4096), height: Math.min(h, 4096) };
  const box = host.getBoundingClientRect();
  // Whole pixels: a scroll then moves the numbers canvas by whole pixels, which it can copy (grid-overlay).
  const left = Math.max(0, Math.floor(look.viewport.left - box.left));
  const top = Math.max(0, Math.floor(look.viewport.top - box.top));
  const right = Math.min(w, Math.ceil(look.viewport.right - box.left));
  const bottom = Math.min(h, Math.ceil(look.viewport.bottom - box.top));
  if (right <= left || bottom <= top) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The numbers canvas reaches this far (CSS px, at least) beyond the part on screen, in steps as long. */
const MARGIN = 128;

/**
 * The part of a heatmap its numbers canvas covers: the part on screen and a margin, in steps of MARGIN
 * and of a size that holds while the window's size does. Scrolling then moves the canvas with the sheet,
 * untouched, until the part on screen nears its edge (every MARGIN px): most frames of a scroll draw no
 * numbers, move no canvas and upload no pixels.
 */
function around(part: VisiblePart, look: GridLook): VisiblePart {
  if (look.viewport === null) return part;
  const span = (start: number, length: number, total: number): [number, number] => {
    const size = Math.min(total, Math.ceil(length / MARGIN) * MARGIN + 2 * MARGIN);
    const from = Math.max(0, Math.min(total - size, Math.floor(start / MARGIN) * MARGIN - MARGIN));
    return [from, size];
  };
  const [left, width] = span(part.left, part.width, look.cols * look.cellWidth);
  const [top, height] = span(part.top, part.height, look.rows * look.cellHeight);
  return { left, top, width, height };
}

function selectedIndices(look: GridLook): number[] {
  if (look.selection === null) return [];
  const r = rangeOf(look.selection);
  const out: number[] = [];
  for (let i = 0; i < r.rows && out.length < DOM_CELL_LIMIT; i++) {
    for (let j = 0; j < r.cols; j++) out.push((r.row + i) * look.cols + r.col + j);
  }
  return out;
}
