import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Example } from '../../src-core/learn/example-set';
import type { LossName } from '../../src-core/learn/losses';
import { maxAbs } from '../colour';
import { answerOf, type Answers, type Prediction } from './protocol';
import './thumbnail';

export type GalleryShow = 'all' | 'wrong' | 'test';

export interface GalleryPredictions {
  readonly train: Answers;
  readonly test: Answers;
}

/** CSS pixels per value so that every thumbnail is about 36 pixels across. */
function pixelFor(shape: readonly number[]): number {
  const side = Math.max(shape[1] ?? 1, shape[2] ?? 1);
  return Math.max(1, Math.min(6, Math.round(36 / side)));
}

/** bce's logit as the probability of class 1: sigmoid(x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** ce's logits as the probability of the largest one: softmax, computed stably. */
export function topProbability(logits: Float64Array): number {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  return 1 / sum;
}

/**
 * Every example of the set: its image, its label (or target map, for mse), the network's response and
 * its prediction, right or wrong. Held-out (test) examples are marked; the examples of the batch just
 * learned from are outlined.
 */
export class CsExampleGallery extends LitElement {
  static override properties = {
    examples: { attribute: false },
    held: { attribute: false },
    place: { attribute: false },
    classes: { attribute: false },
    loss: { type: String },
    predictions: { attribute: false },
    batch: { attribute: false },
    pageSize: { type: Number },
    page: { state: true },
    show: { state: true },
  };

  declare examples: readonly Example[];
  /** Per example: held out for testing. */
  declare held: readonly boolean[];
  /** Per example: its place in the training or the test list (how predictions are indexed). */
  declare place: readonly number[];
  declare classes: readonly string[] | null;
  declare loss: LossName;
  declare predictions: GalleryPredictions | null;
  /** Training-set places of the examples in the last batch. */
  declare batch: readonly number[];
  /**
   * Cards on one page. Hundreds of cards whose captions change as learning goes would make each of
   * those frames lay out and paint them all (tens of ms); a page keeps that small.
   */
  declare pageSize: number;
  /** The page shown, from 0. */
  declare page: number;
  /** Which examples are listed: all, those the network gets wrong, or the held-out ones. */
  declare show: GalleryShow;

  static override styles = css`
    :host {
      display: block;
      contain: content;
      font:
        11px system-ui,
        sans-serif;
    }
    .summary {
      margin: 0 0 4px;
      color: #444;
    }
    .pages {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 4px;
    }
    .pages button {
      min-width: 26px;
    }
    .range {
      color: #444;
      min-width: 9em;
      text-align: center;
    }
    .cards {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    /* Cards of one fixed size, drawn only when on screen: a caption changing while learning then
       repaints its own card, never the whole gallery. */
    figure {
      margin: 0;
      padding: 3px;
      border: 1px solid #ddd;
      border-radius: 3px;
      background: #fff;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      box-sizing: border-box;
      width: var(--card-width);
      height: var(--card-height);
      overflow: hidden;
      /* Fixed size, so a caption that changes lays out and paints its own card only. */
      contain: strict;
      content-visibility: auto;
      contain-intrinsic-size: auto var(--card-width) auto var(--card-height);
    }
    figure.batch {
      border-color: #333;
    }
    figure.wrong {
      background: #fde8e8;
    }
    figure.test {
      border-style: dashed;
    }
    .maps {
      display: flex;
      gap: 2px;
    }
    figcaption {
      text-align: center;
      line-height: 1.25;
      white-space: nowrap;
      overflow: hidden;
      max-width: 100%;
    }
    .mark {
      font-weight: 600;
    }
  `;

  constructor() {
    super();
    this.examples = [];
    this.held = [];
    this.place = [];
    this.classes = null;
    this.loss = 'mse';
    this.predictions = null;
    this.batch = [];
    this.pageSize = 64;
    this.page = 0;
    this.show = 'all';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another set starts on its first page.
    if (changed.has('examples') && changed.get('examples') !== undefined) this.page = 0;
  }

  /** Indices of the examples the current `show` lists. */
  private listed(): number[] {
    const all = this.examples.map((_, i) => i);
    if (this.show === 'test') return all.filter((i) => this.held[i] === true);
    if (this.show === 'wrong') {
      return all.filter((i) => {
        const p = this.prediction(i);
        return p !== undefined && p.predicted !== null && p.predicted !== this.examples[i]?.label;
      });
    }
    return all;
  }

  override render() {
    const listed = this.listed();
    const pages = Math.max(1, Math.ceil(listed.length / this.pageSize));
    const page = Math.min(this.page, pages - 1);
    const from = page * this.pageSize;
    const shown = listed.slice(from, from + this.pageSize);
    const batch = new Set(this.batch);
    return html`<p class="summary">${this.summaryText()}</p>
      <div class="pages" role="toolbar" aria-label="pages of examples">
        <label
          >show
          <select
            aria-label="examples shown"
            @change=${(e: Event) => {
              this.show = (e.target as HTMLSelectElement).value as GalleryShow;
              this.page = 0;
            }}
          >
            <option value="all" ?selected=${this.show === 'all'}>all</option>
            ${this.loss === 'mse' ? nothing : html`<option value="wrong" ?selected=${this.show === 'wrong'}>wrong answers</option>`}
            <option value="test" ?selected=${this.show === 'test'}>held out</option>
          </select></label
        >
        <button aria-label="previous page" ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>
          ‹
        </button>
        <span class="range"
          >${listed.length === 0 ? 'none' : `${from + 1}–${from + shown.length} of ${listed.length}`}</span
        >
        <button aria-label="next page" ?disabled=${page >= pages - 1} @click=${() => (this.page = page + 1)}>
          ›
        </button>
      </div>
      <div class="cards" role="list" aria-label="examples" style=${this.cardSize()}>
        ${repeat(
          shown,
          (i) => i,
          (i) => this.card(this.examples[i] as Example, i, batch),
        )}
      </div>`;
  }

  /** Room for the thumbnails of the first example (input, and target and response for mse) and three caption lines. */
  private cardSize(): string {
    const e = this.examples[0];
    if (e === undefined) return '';
    const side = (shape: readonly number[]): number => (shape[2] ?? 1) * pixelFor(shape);
    const high = (shape: readonly number[]): number => (shape[1] ?? 1) * pixelFor(shape);
    const maps = e.target === null ? [e.input.shape] : [e.input.shape, e.target.shape, e.target.shape];
    const width = maps.reduce((sum, m) => sum + side(m) + 4, 0) + 10;
    const height = Math.max(...maps.map(high)) + 3 * 14 + 14;
    return `--card-width:${Math.max(100, width)}px;--card-height:${height}px`;
  }

  private prediction(i: number): Prediction | undefined {
    const answers = this.held[i] === true ? this.predictions?.test : this.predictions?.train;
    return answers === undefined ? undefined : answerOf(answers, this.place[i] ?? -1);
  }

  private nameOf(label: number | null): string {
    if (label === null) return '';
    return this.classes?.[label] ?? String(label);
  }

  private summaryText(): string {
    const n = this.examples.length;
    const tests = this.held.filter(Boolean).length;
    const parts = [`${n} example${n === 1 ? '' : 's'}`];
    if (tests > 0) parts.push(`${n - tests} to learn from, ${tests} held out to test`);
    if (this.predictions !== null && this.loss !== 'mse') {
      const right = (held: boolean): [number, number] => {
        let r = 0;
        let all = 0;
        this.examples.forEach((e, i) => {
          if ((this.held[i] === true) !== held) return;
          const p = this.prediction(i);
          if (p === undefined) return;
          all++;
          if (p.predicted === e.label) r++;
        });
        return [r, all];
      };
      const [tr, ta] = right(false);
      parts.push(`${tr} of ${ta} right when learning`);
      if (tests > 0) {
        const [sr, sa] = right(true);
        parts.push(`${sr} of ${sa} right on the test set`);
      }
    }
    return parts.join(' · ');
  }

  private card(e: Example, i: number, batch: Set<number>) {
    const test = this.held[i] === true;
    const p = this.prediction(i);
    const wrong = p !== undefined && p.predicted !== null && p.predicted !== e.label;
    const inBatch = !test && batch.has(this.place[i] ?? -1);
    const classes = ['', inBatch ? 'batch' : '', wrong ? 'wrong' : '', test ? 'test' : ''].join(' ').trim();
    const name = `example ${i + 1}${test ? ' (test)' : ''}`;
    return html`<figure class=${classes} role="listitem" aria-label=${name}>
      <div class="maps">
        <cs-thumbnail
          .values=${e.input.data}
          .shape=${e.input.shape}
          .pixel=${pixelFor(e.input.shape)}
          label="${name} input"
        ></cs-thumbnail>
        ${e.target === null ? nothing : this.targetMaps(e, p, name)}
      </div>
      <figcaption>${this.caption(e, p, test)}</figcaption>
    </figure>`;
  }

  /** mse: the wanted map and the network's map on one colour scale, so they can be compared by eye. */
  private targetMaps(e: Example, p: Prediction | undefined, name: string) {
    const target = e.target;
    if (target === null) return nothing;
    const limit = maxAbs(target.data);
    return html`<cs-thumbnail
        .values=${target.data}
        .shape=${target.shape}
        .pixel=${pixelFor(target.shape)}
        scale="diverging"
        .limit=${limit}
        label="${name} target"
      ></cs-thumbnail>
      ${
        p === undefined
          ? nothing
          : html`<cs-thumbnail
              .values=${p.output}
              .shape=${p.outputShape}
              .pixel=${pixelFor(p.outputShape)}
              scale="diverging"
              .limit=${limit}
              label="${name} response"
            ></cs-thumbnail>`
      }`;
  }

  private caption(e: Example, p: Prediction | undefined, test: boolean) {
    const tag = test ? html`<div>test</div>` : nothing;
    if (e.label === null) {
      return html`${p === undefined ? 'target' : `loss ${p.loss.toPrecision(2)}`}${tag}`;
    }
    const label = html`<div>${this.nameOf(e.label)}</div>`;
    if (p === undefined || p.predicted === null) return html`${label}${tag}`;
    const right = p.predicted === e.label;
    const one = sigmoid(p.output[0] ?? 0);
    const confidence = this.loss === 'bce' ? (p.predicted === 1 ? one : 1 - one) : topProbability(p.output);
    return html`${label}
      <div>
        <span class="mark" aria-label=${right ? 'right' : 'wrong'}>${right ? '✓' : '✗'}</span>
        ${this.nameOf(p.predicted)} ${Math.round(100 * confidence)}%
      </div>
      ${tag}`;
  }
}

customElements.define('cs-example-gallery', CsExampleGallery);

declare global {
  interface HTMLElementTagNameMap {
    'cs-example-gallery': CsExampleGallery;
  }
}
