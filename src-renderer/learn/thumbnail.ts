import { LitElement, css, html, type PropertyValues } from 'lit';
import { colourLevel, colourTable, maxAbs, type ColourScaleName } from '../colour';

/**
 * A small picture of a C x H x W map, one image pixel per value, scaled up without smoothing. Three
 * channels are drawn as RGB (values 0..1); otherwise the first channel is drawn with the sheet's colour
 * scales: `fastai` (white to red) for images, `diverging` (blue, white, red around zero) for signed maps
 * such as a filter's response.
 */
export class CsThumbnail extends LitElement {
  static override properties = {
    values: { attribute: false },
    shape: { attribute: false },
    scale: { type: String },
    limit: { type: Number },
    pixel: { type: Number },
    label: { type: String },
  };

  declare values: Float64Array;
  declare shape: readonly number[];
  declare scale: ColourScaleName;
  /** Saturation value; undefined: the map's own largest magnitude. */
  declare limit: number | undefined;
  /** CSS pixels per value. */
  declare pixel: number;
  declare label: string;

  static override styles = css`
    :host {
      display: inline-block;
      line-height: 0;
    }
    img {
      image-rendering: pixelated;
      border: 1px solid #c8c8c8;
    }
  `;

  constructor() {
    super();
    this.values = new Float64Array(0);
    this.shape = [1, 0, 0];
    this.scale = 'fastai';
    this.limit = undefined;
    this.pixel = 3;
    this.label = '';
  }

  private get size(): { c: number; h: number; w: number } {
    const [c = 1, h = 1, w = 1] = this.shape.length === 3 ? this.shape : [1, 1, this.values.length];
    return { c, h, w };
  }

  /** The picture as a PNG data URL, drawn when the values change. */
  private src = '';

  override render() {
    const { h, w } = this.size;
    return html`<img alt=${this.label} src=${this.src} width=${w * this.pixel} height=${h * this.pixel} />`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('values') || changed.has('shape') || changed.has('scale') || changed.has('limit')) {
      this.src = this.draw();
    }
  }

  /**
   * An <img> rather than a canvas per thumbnail: a gallery of hundreds of canvases makes hundreds of
   * compositor layers, and every frame while learning paid for them (Chromium's Commit step).
   */
  private draw(): string {
    const { c, h, w } = this.size;
    if (h * w === 0) return '';
    scratch ??= document.createElement('canvas');
    scratch.width = w;
    scratch.height = h;
    const ctx = scratch.getContext('2d');
    if (ctx === null) return '';
    const image = ctx.createImageData(w, h);
    const out = image.data;
    if (c === 3) {
      for (let i = 0; i < h * w; i++) {
        for (let k = 0; k < 3; k++) out[i * 4 + k] = 255 * (this.values[k * h * w + i] ?? 0);
        out[i * 4 + 3] = 255;
      }
    } else {
      const table = colourTable(this.scale).bytes;
      const limit = this.limit ?? maxAbs(this.values.subarray(0, h * w));
      for (let i = 0; i < h * w; i++) {
        const level = colourLevel(this.values[i] ?? 0, limit);
        if (level < 0) out.set([120, 0, 120, 255], i * 4);
        else out.set(table.subarray(level * 4, level * 4 + 4), i * 4);
      }
    }
    ctx.putImageData(image, 0, 0);
    return scratch.toDataURL('image/png');
  }
}

/** One canvas shared by every thumbnail to draw on before encoding. */
let scratch: HTMLCanvasElement | undefined;

customElements.define('cs-thumbnail', CsThumbnail);

declare global {
  interface HTMLElementTagNameMap {
    'cs-thumbnail': CsThumbnail;
  }
}
