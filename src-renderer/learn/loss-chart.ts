import {
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { LogPoint } from './protocol';

// Registered one by one (not chart.js/auto) so the bundle holds only the line chart.
Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type Point = { x: number; y: number };

/** Shortest time between two redraws of the chart, in milliseconds. */
const SYNC_MS = 150;

interface Series {
  readonly label: string;
  readonly axis: 'loss' | 'accuracy';
  readonly colour: string;
  readonly dashed: boolean;
  readonly value: (p: LogPoint) => number | null;
}

const SERIES: readonly Series[] = [
  { label: 'train loss', axis: 'loss', colour: '#b2182b', dashed: false, value: (p) => p.trainLoss },
  { label: 'test loss', axis: 'loss', colour: '#2166ac', dashed: false, value: (p) => p.testLoss },
  {
    label: 'train accuracy',
    axis: 'accuracy',
    colour: '#b2182b',
    dashed: true,
    value: (p) => p.trainAccuracy,
  },
  { label: 'test accuracy', axis: 'accuracy', colour: '#2166ac', dashed: true, value: (p) => p.testAccuracy },
];

/**
 * The loss chart: loss of the whole training set (and of the test set, when examples are held out) at
 * every logged step, on a logarithmic axis so that a loss falling from 10 to 1e-8 stays readable, and
 * accuracy (0 to 100%) on a second axis for the classification losses. Every logged step is one point
 * of every series that has a value there.
 */
export class CsLossChart extends LitElement {
  static override properties = {
    points: { attribute: false },
  };

  /** The logged steps, oldest first; appending to the same list redraws only the new points. */
  declare points: readonly LogPoint[];

  private chartObject: Chart<'line', Point[]> | null = null;
  /** How many of `points` the chart holds, and the first one, to tell an extension from a new history. */
  private shown = 0;
  private shownFirst: LogPoint | undefined;
  private lastSync = -Infinity;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = css`
    :host {
      display: block;
      contain: content;
      position: relative;
      min-height: 160px;
    }
    .frame {
      position: relative;
      height: 100%;
      min-height: 160px;
    }
  `;

  constructor() {
    super();
    this.points = [];
  }

  /** The chart.js chart (null where the canvas cannot draw, as in a DOM without layout). */
  get chart(): Chart<'line', Point[]> | null {
    return this.chartObject;
  }

  override render() {
    return html`<div class="frame"><canvas role="img" aria-label=${this.summary()}></canvas></div>`;
  }

  /** What the chart shows, for a screen reader: the last logged point in words. */
  private summary(): string {
    const last = this.points[this.points.length - 1];
    if (last === undefined) return 'loss chart: nothing learned yet';
    const acc =
      last.trainAccuracy === null ? '' : `, train accuracy ${(100 * last.trainAccuracy).toFixed(1)}%`;
    return `loss chart: ${this.points.length} points; at step ${last.step} train loss ${last.trainLoss.toPrecision(3)}${acc}`;
  }

  protected override firstUpdated(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas === null || canvas.getContext('2d') === null) return;
    this.chartObject = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: {
        datasets: SERIES.map((s): ChartDataset<'line', Point[]> => ({
          label: s.label,
          data: [],
          yAxisID: s.axis,
          borderColor: s.colour,
          backgroundColor: s.colour,
          borderDash: s.dashed ? [5, 4] : [],
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 4,
          hidden: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { precision: 0 } },
          loss: {
            type: 'logarithmic',
            position: 'left',
            title: { display: true, text: 'loss' },
            ticks: { callback: (v) => decadeLabel(Number(v)) },
          },
          accuracy: {
            type: 'linear',
            position: 'right',
            min: 0,
            max: 1,
            display: false,
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` },
          },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              boxWidth: 14,
              filter: (item, data) => hasData(data.datasets[item.datasetIndex ?? 0]?.data),
            },
          },
        },
      },
    });
    this.sync();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('points') || this.chartObject === null) return;
    // Redrawing the chart costs a few milliseconds a time: while points stream in, at most every
    // SYNC_MS; the last points always get drawn.
    // Always in a task of its own: drawn in the frame that repaints the sheet, it would lengthen it.
    const wait = this.lastSync + SYNC_MS - performance.now();
    this.syncTimer ??= setTimeout(() => this.sync(), Math.max(0, wait));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    this.chartObject?.destroy();
    this.chartObject = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reattached after a move in the page: firstUpdated will not run again, so build the chart here.
    if (this.hasUpdated && this.chartObject === null) this.firstUpdated();
  }

  private sync(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    this.lastSync = performance.now();
    const chart = this.chartObject;
    if (chart === null) return;
    const points = this.points;
    const extends_ = points.length >= this.shown && points[0] === this.shownFirst;
    const from = extends_ ? this.shown : 0;
    chart.data.datasets.forEach((d, i) => {
      const s = SERIES[i];
      if (s === undefined) return;
      if (from === 0) d.data = [];
      for (let k = from; k < points.length; k++) {
        const p = points[k];
        const y = p === undefined ? null : s.value(p);
        // A log axis cannot show 0 or a value that is not finite: such a point is left out.
        if (p !== undefined && y !== null && Number.isFinite(y) && (s.axis !== 'loss' || y > 0)) {
          d.data.push({ x: p.step, y });
        }
      }
    });
    this.shown = points.length;
    this.shownFirst = points[0];
    const accuracy = chart.options.scales?.accuracy;
    if (accuracy !== undefined) accuracy.display = points.some((p) => p.trainAccuracy !== null);
    chart.update('none');
  }
}

/** Powers of ten as 1e-8 ... 1, 10; the log axis's other ticks stay unlabelled. */
function decadeLabel(v: number): string {
  const e = Math.log10(v);
  if (Math.abs(e - Math.round(e)) > 1e-9) return '';
  const n = Math.round(e);
  return n >= 0 && n <= 3 ? String(10 ** n) : `1e${n}`;
}

function hasData(data: unknown): boolean {
  return Array.isArray(data) && data.length > 0;
}

customElements.define('cs-loss-chart', CsLossChart);

declare global {
  interface HTMLElementTagNameMap {
    'cs-loss-chart': CsLossChart;
  }
}
