import { build } from 'vite';
import { isStale } from '../support/freshness';

// CLI tests run the real `convsheet` bundle, which git does not keep: build it when it is missing or
// older than its sources.
export default async function setup(): Promise<void> {
  if (isStale('out/cli/convsheet.js', 'src-cli', 'src-core')) {
    await build({ configFile: 'vite.cli.config.ts', logLevel: 'warn' });
  }
}
