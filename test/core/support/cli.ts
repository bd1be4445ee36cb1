import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../../out/cli/convsheet.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `convsheet` command (the core group's setup builds it) and captures what it prints. */
export function runCli(...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
