import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { isStale } from '../support/freshness';
import { serveFolder } from './support/static-server';

// The e2e group tests the built browser version (dist-web/), which git does not keep: build it when it
// is missing or older than the sources, then serve it from a plain static server on a free loopback port, as a user's would.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (isStale('dist-web/index.html', 'src-renderer', 'src-core'))
    await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  const server = await serveFolder('dist-web');
  project.provide('webUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}
