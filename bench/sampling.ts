/**
 * Medians of a call's time, with counts sized to the call: one untimed call estimates the cost, then
 * about 200 ms of warm-up, calls repeated within a sample until a sample lasts about 10 ms (so that the
 * first, cold-cache call of a sample weighs little), and as many samples (5 to 31) as fit in
 * `budgetMs`: a 1-second peer call still gets 5 samples.
 *
 * The clock is the process's CPU time by default (BENCH_CLOCK=wall for wall time). These machines are
 * shared: with other jobs running, wall time counts the moments the scheduler gives the core to
 * someone else, which has nothing to do with the engines compared; CPU time does not. Every in-process
 * peer is measured the same way (it includes V8's garbage-collector threads), and the PyTorch peer uses
 * the same clock (time.process_time).
 */
export type Clock = 'cpu' | 'wall';

export const CLOCK: Clock = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';

function now(): number {
  if (CLOCK === 'wall') return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median milliseconds per call of `run` on CLOCK. */
export function adaptiveMedianMs(run: () => void, budgetMs = 1500): number {
  return pairedMediansMs([run], budgetMs)[0] ?? NaN;
}

/**
 * Median milliseconds per call of each of `runs`, sampled in turns (a sample of the first, then of the
 * second, ...), so that all of them see the same moments of a busy machine: their ratio holds even
 * when the machine's load drifts during the measurement.
 */
export function pairedMediansMs(runs: readonly (() => void)[], budgetMs = 1500): number[] {
  const plans = runs.map((run) => {
    const start = performance.now();
    run();
    const first = Math.max(performance.now() - start, 1e-3);
    const warmup = Math.max(1, Math.min(50, Math.floor(200 / first)));
    for (let i = 0; i < warmup; i++) run();
    return { run, first, inner: Math.max(1, Math.floor(10 / first)), times: [] as number[] };
  });
  const perRound = plans.reduce((sum, p) => sum + p.first * p.inner, 0);
  const samples = Math.max(5, Math.min(31, Math.floor((budgetMs * runs.length) / perRound)));
  for (let s = 0; s < samples; s++) {
    for (const p of plans) {
      const t0 = now();
      for (let i = 0; i < p.inner; i++) p.run();
      p.times.push((now() - t0) / p.inner);
    }
  }
  return plans.map((p) => {
    p.times.sort((a, b) => a - b);
    return p.times[Math.floor(p.times.length / 2)] ?? NaN;
  });
}
