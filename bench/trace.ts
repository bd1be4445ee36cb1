/**
 * Main-thread CPU time from a Chromium trace. These machines are shared: with other jobs running, wall
 * time counts the moments the scheduler gave the core to someone else. A trace stamps every
 * performance.mark with the main thread's CPU clock as well (`tts`), so the CPU time the renderer spent
 * between two marks is the difference of their stamps: its own cost, apart from the machine's load (as
 * the engine benchmark uses the process's CPU time).
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  /** Microseconds. */
  readonly ts: number;
  /** The thread's CPU clock, microseconds. */
  readonly tts?: number;
}

export interface Mark {
  readonly name: string;
  /** Milliseconds, trace clock. */
  readonly wall: number;
  /** Milliseconds of the main thread's CPU clock. */
  readonly cpu: number;
}

/** Runs `during` with Chromium tracing on for `categories`; returns every trace event recorded. */
export async function traceEvents<E extends object>(
  cdp: CDPSession,
  categories: string,
  during: () => Promise<void>,
): Promise<E[]> {
  const events: E[] = [];
  const onData = (e: { value: object[] }): void => {
    events.push(...(e.value as E[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/** Runs `during` with tracing on; returns the page's performance marks whose names start with `cs-`. */
export async function traceMarks(cdp: CDPSession, during: () => Promise<void>): Promise<Mark[]> {
  const events = await traceEvents<TraceEvent>(cdp, 'blink.user_timing', during);
  return events
    .filter((e) => e.cat === 'blink.user_timing' && e.name.startsWith('cs-') && e.tts !== undefined)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ name: e.name, wall: e.ts / 1000, cpu: (e.tts ?? 0) / 1000 }));
}

/** CPU milliseconds from each `from` mark to the `to` mark after it. */
export function cpuSpans(marks: readonly Mark[], from: string, to: string): number[] {
  const spans: number[] = [];
  let start: Mark | null = null;
  for (const m of marks) {
    if (m.name === from) start = m;
    else if (m.name === to && start !== null) {
      spans.push(m.cpu - start.cpu);
      start = null;
    }
  }
  return spans;
}
