// Shared by the docs screenshot scripts: builds the browser version, serves dist-web/ on a loopback port
// and launches Chromium through playwright-core.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** The built app's URL, a headless Chromium, and how to stop both. */
export async function openBuiltApp() {
  await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  const server = createServer((req, res) => {
    let file = join('dist-web', decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
