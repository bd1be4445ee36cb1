/** Median wall time of `run` in milliseconds, over `samples` timed batches after `warmup` calls. */
export function medianMs(run: () => void, { warmup = 50, samples = 31, inner = 1 } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < inner; i++) run();
    times.push((performance.now() - start) / inner);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

/** A table row per case, columns aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
