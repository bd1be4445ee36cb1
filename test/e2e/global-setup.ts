import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { serveFolder } from './support/static-server';

// The e2e group tests the built browser version (dist-web/), which git does not keep: build it when it
// is missing or older than the sources, then serve it from a plain static server on a free loopback port, as a user's would.

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const index = 'dist-web/index.html';
  const sourcesChanged =
    !existsSync(index) ||
    Math.max(newestSource('src-renderer'), newestSource('src-core')) > statSync(index).mtimeMs;
  if (sourcesChanged) await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  const server = await serveFolder('dist-web');
  project.provide('webUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}
