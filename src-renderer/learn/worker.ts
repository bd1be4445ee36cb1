/**
 * The learning worker: all the arithmetic of learning happens here, off the main thread, so the sheet
 * stays responsive while the filters learn. Started by LearnClient with
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { Learner } from './learner';
import type { FromWorker, ToWorker } from './protocol';

/** The part of DedicatedWorkerGlobalScope used here (the renderer's types are the window's). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

const scope = self as unknown as WorkerScope;

// A MessageChannel hop yields to the message queue without setTimeout's 4 ms clamp on nested timers,
// so "fast" runs lose no time between slices while still letting pause and set-lr in.
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const learner = new Learner({
  post: (message, transfer) => scope.postMessage(message, transfer),
  later: (fn, ms) => {
    if (ms > 0) {
      setTimeout(fn, ms);
      return;
    }
    queued.push(fn);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
});

scope.addEventListener('message', (event) => learner.handle(event.data));
