import { createServer } from 'vite';

/** Starts Vite's server for the browser version on 127.0.0.1 and prints its URL. */
export async function serveWeb() {
  const server = await createServer({ configFile: 'vite.web.config.ts', server: { host: '127.0.0.1' } });
  await server.listen();
  // With the log level at "warn", Vite prints no URL itself.
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  console.log(`ConvSheet (browser version) is at ${url}  - press Ctrl+C to stop.`);
  return server;
}
