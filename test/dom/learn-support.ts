/**
 * Test support for the learn panel: the learning worker run in-process (messages still cross through
 * structuredClone, as they do between threads), and a stand-in for the app that handles the panel's
 * events as the real app must (see the panel's class comment).
 */
import type { WorkerLike } from '../../src-renderer/learn/client';
import type {
  CsLearnPanel,
  LearnStatusDetail,
  LearnWeightsDetail,
} from '../../src-renderer/learn/learn-panel';
import { Learner } from '../../src-renderer/learn/learner';
import { learnTask, type LearnTask } from '../../src-renderer/learn/tasks';
import type { ExampleSet } from '../../src-core/learn/example-set';
import type { FromWorker, ToWorker } from '../../src-renderer/learn/protocol';
import type { Layer, Workbook } from '../../src-core/sheet/types';
import '../../src-renderer/learn/learn-panel';

export function inProcessWorker(): WorkerLike {
  const listeners: ((event: MessageEvent<FromWorker>) => void)[] = [];
  const learner = new Learner({
    post: (message) => {
      const copy = structuredClone(message);
      setTimeout(() => listeners.forEach((l) => l({ data: copy } as MessageEvent<FromWorker>)), 0);
    },
    later: (fn, ms) => setTimeout(fn, ms),
    now: () => performance.now(),
  });
  return {
    postMessage: (message: ToWorker) => {
      const copy = structuredClone(message);
      setTimeout(() => learner.handle(copy), 0);
    },
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<FromWorker>) => void);
    },
    terminate: () => undefined,
  };
}

/**
 * What the app does with the panel's events: live weights are shown without an undo step; the end of
 * a run (or a Step) is one undo step from the workbook before the run; Reset and opening a generated
 * set's network are one undo step each; the `learn` object is stored without one.
 */
export class AppStandIn {
  readonly panel: CsLearnPanel;
  /** Undo stack: the workbooks before each undoable change. */
  readonly past: Workbook[] = [];
  readonly labels: string[] = [];
  readonly statuses: LearnStatusDetail[] = [];
  /** The workbook before the live updates of the current run. */
  private runStart: Workbook | null = null;

  constructor(workbook: Workbook, worker?: () => WorkerLike) {
    const panel = document.createElement('cs-learn-panel');
    if (worker !== undefined) panel.workerFactory = worker;
    panel.workbook = workbook;
    this.panel = panel;
    panel.addEventListener('learn-weights', (e) => {
      const { workbook: next, live } = (e as CustomEvent<LearnWeightsDetail>).detail;
      if (live) {
        this.runStart ??= this.workbook;
        this.panel.workbook = next;
        return;
      }
      this.record(this.runStart ?? this.workbook, 'learn');
      this.runStart = null;
      this.panel.workbook = next;
    });
    panel.addEventListener('learn-reset', (e) =>
      this.replace((e as CustomEvent<{ workbook: Workbook }>).detail.workbook, 'reset'),
    );
    panel.addEventListener('learn-open', (e) =>
      this.replace((e as CustomEvent<{ workbook: Workbook }>).detail.workbook, 'open'),
    );
    panel.addEventListener('learn-state', (e) => {
      this.panel.workbook = { ...this.workbook, learn: (e as CustomEvent<{ learn: unknown }>).detail.learn };
    });
    panel.addEventListener('learn-status', (e) =>
      this.statuses.push((e as CustomEvent<LearnStatusDetail>).detail),
    );
    document.body.append(panel);
  }

  get workbook(): Workbook {
    const w = this.panel.workbook;
    if (w === null) throw new Error('no workbook');
    return w;
  }

  /** The learner types a value into a filter on the sheet. */
  edit(layer: number, index: number, value: number): void {
    const layers = this.workbook.layers.map((l, k): Layer => {
      if (k !== layer || (l.type !== 'conv2d' && l.type !== 'dense')) return l;
      const data = (l.weight.data ?? new Float64Array(0)).slice();
      data[index] = value;
      return { ...l, weight: { shape: l.weight.shape, data } } as Layer;
    });
    this.replace({ ...this.workbook, layers }, 'edit');
  }

  undo(): void {
    const before = this.past.pop();
    this.labels.pop();
    if (before !== undefined) this.panel.workbook = before;
  }

  private replace(next: Workbook, label: string): void {
    this.record(this.workbook, label);
    this.runStart = null;
    this.panel.workbook = next;
  }

  private record(before: Workbook, label: string): void {
    this.past.push(before);
    this.labels.push(label);
  }
}

/** The weights (or bias) of layer `k` as plain numbers. */
export function valuesOf(workbook: Workbook, k: number, kind: 'weight' | 'bias' = 'weight'): number[] {
  const l = workbook.layers[k];
  if (l === undefined || (l.type !== 'conv2d' && l.type !== 'dense'))
    throw new Error(`layers[${k}] has no weights`);
  return Array.from((kind === 'weight' ? l.weight.data : l.bias.data) ?? []);
}

/** Waits until `ok()` holds, checking every few milliseconds, or fails after `ms`. */
export async function until(ok: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits for the panel's next drawing: replies from the worker are drawn at most every 100 ms. */
export async function redrawn(panel: CsLearnPanel): Promise<void> {
  await new Promise((r) => setTimeout(r, 110));
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await panel.updateComplete;
}

/** A generated task and its set, made at once (the generated sets are; the MNIST ones load first). */
export function generatedTask(id: string, seed?: number): { task: LearnTask; set: ExampleSet } {
  const task = learnTask(id);
  if (task === undefined) throw new Error(`no task ${id}`);
  const set = task.examples(seed ?? task.seed);
  if (set instanceof Promise) throw new Error(`${id} loads its images: await task.examples(seed)`);
  return { task, set };
}

/** An element's shadow root, which a test of its rendering needs. */
export function shadowOf(element: Element): ShadowRoot {
  const r = element.shadowRoot;
  if (r === null) throw new Error(`${element.tagName.toLowerCase()} has no shadow root`);
  return r;
}
