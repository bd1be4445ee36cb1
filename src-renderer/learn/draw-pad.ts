import { LitElement, html, type PropertyValues } from 'lit';
import { colourLevel, colourTable, type ColourScaleName } from '../colour';
import { brushRadius, cellPixels, strokeSegment } from './draw-pad-brush';
import { drawPadStyles } from './draw-pad-styles';

export interface DrawChangeDetail {
  /** C x H x W values in [0, 1], channel-major, row-major within a channel: every channel the same. */
  readonly values: Float64Array;
  readonly shape: [number, number, number];
}

/** Cells per side, a whole number 1..64; 28 when not a number. */
function side(n: number): number {
  return Number.isFinite(n) ? Math.min(64, Math.max(1, Math.round(n))) : 28;
}

/** The stroke being drawn: which pointer, whether it erases, where it was last (in cells). */
interface Stroke {
  readonly id: number;
  readonly erase: boolean;
  readonly rect: DOMRect;
  readonly last: { x: number; y: number };
  readonly next: { x: number; y: number };
}

/** Pointer buttons that start a stroke: main (draws), right and a pen's eraser end (erase). */
const MAIN = 0;
const RIGHT = 2;
const PEN_ERASER = 5;

/** Cells at least this many CSS pixels across get a faint grid line around them. */
const GRID_FROM = 6;

/**
 * A box to draw an example in with the mouse, a pen or a finger, like the boxes MNIST demos offer: a
 * soft round brush (see draw-pad-brush.ts) leaves values in [0, 1] on an H x W grid of cells. Shift,
 * the right button, a pen's eraser or the Erase toggle erase. With several channels every channel gets
 * the same values.
 *
 * One channel is drawn with the sheet's colour scale (`scale`, white to red at 1, as the example gallery
 * draws images); three channels as the RGB picture they are (gray: black to white), as the gallery
 * draws them too.
 *
 * Fires `draw-change` when a stroke ends and when Clear (or Escape) empties the pad; a change of
 * `height` or `width` and the `clear()` method empty it without an event. What is done with a drawing
 * (adding it as an example) is up to the page: its controls go in the slot after the buttons.
 */
export class CsDrawPad extends LitElement {
  static override properties = {
    height: { type: Number },
    width: { type: Number },
    channels: { type: Number },
    disabled: { type: Boolean, reflect: true },
    scale: { type: String },
    erasing: { type: Boolean },
    inked: { state: true },
  };

  declare height: number;
  declare width: number;
  declare channels: number;
  declare disabled: boolean;
  /** Colour scale of a one-channel drawing: the sheet's `fastai` or `diverging` (both white to red on 0..1). */
  declare scale: ColourScaleName;
  /** The Erase toggle: strokes erase until it is turned off. */
  declare erasing: boolean;
  /** Some cell is not 0: Clear has something to do. */
  declare private inked: boolean;

  static override styles = drawPadStyles;

  /** The drawing: rows x cols values, row-major. */
  private cells = new Float64Array(28 * 28);
  private rows = 28;
  private cols = 28;
  private stroke: Stroke | null = null;
  /** The pending animation frame's id; 0 when none. */
  private frame = 0;

  constructor() {
    super();
    this.height = 28;
    this.width = 28;
    this.channels = 1;
    this.disabled = false;
    this.scale = 'fastai';
    this.erasing = false;
    this.inked = false;
  }

  /** The drawing, C x H x W, channel-major: a new array each call. */
  values(): Float64Array {
    const c = this.planes;
    const n = this.cells.length;
    const out = new Float64Array(c * n);
    for (let k = 0; k < c; k++) out.set(this.cells, k * n);
    return out;
  }

  /** [channels, height, width] of `values()`. */
  get shape(): [number, number, number] {
    return [this.planes, this.rows, this.cols];
  }

  /** Nothing drawn: every value is 0. */
  get empty(): boolean {
    for (let i = 0; i < this.cells.length; i++) if (this.cells[i] !== 0) return false;
    return true;
  }

  /** Empties the pad, without a `draw-change` event (the Clear button fires one). */
  clear(): void {
    this.stroke = null;
    this.cells.fill(0);
    this.inked = false;
    this.schedulePaint();
  }

  private get planes(): number {
    return Number.isFinite(this.channels) ? Math.max(1, Math.round(this.channels)) : 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedulePaint();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.stroke = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('height') || changed.has('width')) {
      const rows = side(this.height);
      const cols = side(this.width);
      if (rows !== this.rows || cols !== this.cols) {
        this.rows = rows;
        this.cols = cols;
        this.cells = new Float64Array(rows * cols);
        this.stroke = null;
        this.inked = false;
      }
    }
    if (changed.has('disabled') && this.disabled && this.stroke !== null) this.endStroke();
  }

  protected override updated(): void {
    this.schedulePaint();
  }

  override render() {
    const cell = cellPixels(this.rows, this.cols);
    const size = `width: ${this.cols * cell}px; height: ${this.rows * cell}px`;
    const classes = `${this.erasing ? 'erasing' : ''} ${this.disabled ? 'disabled' : ''}`;
    return html`<div class=${classes} @keydown=${this.onKey}>
      <div class="frame">
        <canvas
          role="img"
          tabindex="-1"
          aria-label="drawing pad, ${this.rows} by ${this.cols} cells${this.inked ? '' : ', empty'}"
          style=${size}
          @pointerdown=${this.onDown}
          @pointermove=${this.onMove}
          @pointerup=${this.onUp}
          @pointercancel=${this.onUp}
          @lostpointercapture=${this.onUp}
          @contextmenu=${(e: Event) => e.preventDefault()}
        ></canvas>
      </div>
      <div class="controls">
        <button type="button" ?disabled=${this.disabled || !this.inked} @click=${this.onClear}>Clear</button>
        <button
          type="button"
          aria-pressed=${this.erasing ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @click=${() => (this.erasing = !this.erasing)}
        >
          Erase
        </button>
        <slot></slot>
      </div>
      <p class="hint">Shift or right button erases · Esc clears</p>
    </div>`;
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  /** Where a pointer is, in cells (x across, y down), written into `to`. */
  private locate(e: PointerEvent, rect: DOMRect, to: { x: number; y: number }): void {
    to.x = rect.width > 0 ? ((e.clientX - rect.left) / rect.width) * this.cols : 0;
    to.y = rect.height > 0 ? ((e.clientY - rect.top) / rect.height) * this.rows : 0;
  }

  private onDown = (e: PointerEvent): void => {
    if (this.disabled || this.stroke !== null) return;
    if (e.button !== MAIN && e.button !== RIGHT && e.button !== PEN_ERASER) return;
    const canvas = e.currentTarget as HTMLCanvasElement;
    e.preventDefault();
    canvas.focus({ preventScroll: true });
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // Not a pointer the browser knows as down (an event made by a script): draw without capture.
    }
    const erase = this.erasing || e.shiftKey || e.button !== MAIN;
    const stroke: Stroke = {
      id: e.pointerId,
      erase,
      rect: canvas.getBoundingClientRect(),
      last: { x: 0, y: 0 },
      next: { x: 0, y: 0 },
    };
    this.locate(e, stroke.rect, stroke.last);
    this.stroke = stroke;
    this.draw(stroke.last, stroke.last);
  };

  private onMove = (e: PointerEvent): void => {
    const stroke = this.stroke;
    if (stroke === null || e.pointerId !== stroke.id) return;
    // The positions the browser merged into this event, so a curve drawn fast stays a curve.
    const merged = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    if (merged.length === 0) this.moveTo(e, stroke);
    else for (const m of merged) this.moveTo(m, stroke);
  };

  private moveTo(e: PointerEvent, stroke: Stroke): void {
    this.locate(e, stroke.rect, stroke.next);
    this.draw(stroke.last, stroke.next);
    stroke.last.x = stroke.next.x;
    stroke.last.y = stroke.next.y;
  }

  private onUp = (e: PointerEvent): void => {
    if (this.stroke === null || e.pointerId !== this.stroke.id) return;
    if (e.type === 'pointerup') this.onMove(e);
    this.endStroke();
  };

  private endStroke(): void {
    const stroke = this.stroke;
    if (stroke === null) return;
    this.stroke = null;
    const canvas = this.canvas;
    if (canvas?.hasPointerCapture(stroke.id) === true) canvas.releasePointerCapture(stroke.id);
    this.inked = !this.empty;
    this.fireChange();
  }

  private draw(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const erase = this.stroke?.erase ?? false;
    const radius = brushRadius(this.rows, this.cols);
    if (strokeSegment(this.cells, this.rows, this.cols, from, to, radius, erase)) this.schedulePaint();
  }

  private onClear = (): void => {
    this.clear();
    this.fireChange();
  };

  private onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || this.disabled || this.empty) return;
    // The key cleared the drawing: it is not also for the page (closing a menu or the drawer).
    e.stopPropagation();
    this.onClear();
  };

  private fireChange(): void {
    const detail: DrawChangeDetail = { values: this.values(), shape: this.shape };
    this.dispatchEvent(new CustomEvent('draw-change', { detail, bubbles: true, composed: true }));
  }

  private schedulePaint(): void {
    if (this.frame !== 0 || !this.isConnected) return;
    this.frame = requestAnimationFrame(this.paint);
  }

  /** Draws every cell at whole device pixels, so the picture stays crisp at any zoom and screen. */
  private paint = (): void => {
    this.frame = 0;
    const canvas = this.canvas;
    if (canvas === null) return;
    const cell = cellPixels(this.rows, this.cols);
    const dpr = window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
    const w = Math.max(1, Math.round(this.cols * cell * dpr));
    const h = Math.max(1, Math.round(this.rows * cell * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d', { alpha: false });
    if (ctx === null) return;
    const fills = this.planes === 3 ? grays() : colourTable(this.scale).fills;
    const fill = (v: number): string =>
      (this.planes === 3 ? fills[Math.round(v * 255)] : fills[colourLevel(v, 1)]) ?? '#808080';
    ctx.fillStyle = fill(0);
    ctx.fillRect(0, 0, w, h);
    for (let i = 0; i < this.rows; i++) {
      const y0 = Math.round((i * h) / this.rows);
      const y1 = Math.round(((i + 1) * h) / this.rows);
      for (let j = 0; j < this.cols; j++) {
        const v = this.cells[i * this.cols + j] ?? 0;
        if (v <= 0) continue;
        const x0 = Math.round((j * w) / this.cols);
        ctx.fillStyle = fill(v);
        ctx.fillRect(x0, y0, Math.round(((j + 1) * w) / this.cols) - x0, y1 - y0);
      }
    }
    if (cell >= GRID_FROM) this.paintGrid(ctx, w, h, this.planes === 3);
  };

  /** Faint lines between cells, one device pixel wide: dark on the white pad, light on the black one. */
  private paintGrid(ctx: CanvasRenderingContext2D, w: number, h: number, dark: boolean): void {
    ctx.fillStyle = dark ? 'rgba(255, 255, 255, 0.1)' : 'rgba(0, 0, 0, 0.07)';
    for (let j = 1; j < this.cols; j++) ctx.fillRect(Math.round((j * w) / this.cols), 0, 1, h);
    for (let i = 1; i < this.rows; i++) ctx.fillRect(0, Math.round((i * h) / this.rows), w, 1);
  }
}

let grayFills: string[] | undefined;

/** CSS fills of the 256 grays, black to white: a three-channel drawing as the RGB picture it is. */
function grays(): readonly string[] {
  grayFills ??= Array.from({ length: 256 }, (_, g) => `rgb(${g}, ${g}, ${g})`);
  return grayFills;
}

customElements.define('cs-draw-pad', CsDrawPad);

declare global {
  interface HTMLElementTagNameMap {
    'cs-draw-pad': CsDrawPad;
  }
  interface HTMLElementEventMap {
    'draw-change': CustomEvent<DrawChangeDetail>;
  }
}
