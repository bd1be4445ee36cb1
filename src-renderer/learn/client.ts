/**
 * The main thread's end of the learning worker: typed messages out, typed replies in. The worker is
 * made lazily, on the first message, so a panel that never learns costs no thread.
 */
import type { FromWorker, ToWorker } from './protocol';

/** What LearnClient needs of a Worker (a test can pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike;

export const createLearnWorker: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'convsheet-learn',
  });

export class LearnClient {
  private worker: WorkerLike | null = null;

  constructor(
    private readonly onReply: (message: FromWorker) => void,
    private readonly factory: WorkerFactory = createLearnWorker,
  ) {}

  send(message: ToWorker): void {
    this.ensure().postMessage(message);
  }

  /** Ends the worker thread (the panel left the page). */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private ensure(): WorkerLike {
    if (this.worker !== null) return this.worker;
    const w = this.factory();
    w.addEventListener('message', (event: MessageEvent<FromWorker>) => this.onReply(event.data));
    w.addEventListener('error', (event: ErrorEvent) =>
      this.onReply({
        type: 'failed',
        session: -1,
        message: event.message || 'the learning worker failed to load',
      }),
    );
    this.worker = w;
    return w;
  }
}
