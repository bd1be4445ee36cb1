import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * bench/results.json holds every benchmark's last run, each under its own key: a benchmark replaces its
 * own entries and keeps everyone else's (running one benchmark must not erase the others' figures).
 */
const FILE = 'bench/results.json';

function read(): Record<string, unknown> {
  if (!existsSync(FILE)) return {};
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // A file broken by an interrupted write is replaced rather than blocking every benchmark.
    return {};
  }
}

/** Replaces the given top-level keys and keeps the rest. */
export function mergeResults(entries: Record<string, unknown>): void {
  writeFileSync(FILE, JSON.stringify({ ...read(), ...entries }, null, 2) + '\n');
}

/** Sets results[section][entry] = value (or results[section] = value without an entry) and writes the file. */
export function recordResults(section: string, entry: string | null, value: unknown): void {
  const all = read();
  if (entry === null) {
    all[section] = value;
  } else {
    const previous = all[section];
    const merged =
      typeof previous === 'object' && previous !== null && !Array.isArray(previous)
        ? (previous as Record<string, unknown>)
        : {};
    merged[entry] = value;
    all[section] = merged;
  }
  writeFileSync(FILE, JSON.stringify(all, null, 2) + '\n');
}
