// Takes the screenshots of the "Your own files" section of docs/guide.md from the real app: builds the
// browser version, serves it on a loopback port and drives Chromium through playwright-core.
// Run from the repository root: node docs/images/files-screenshots.mjs
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const out = 'docs/images';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

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
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.locator('cs-app').waitFor();

  // A digit drawn dark on white paper, going into the first-run workbook's 28 x 28 input.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('cs-files button.import').click(),
  ]);
  await chooser.setFiles('samples/digits/drawn-7.png');
  const dialog = page.locator('cs-import-dialog .dialog');
  await dialog.waitFor();
  await page.waitForTimeout(300);
  await dialog.screenshot({ path: join(out, 'files-import-preview.png') });

  // The Export menu with a filter selected.
  await page.locator('cs-import-dialog button.primary').click();
  await page.locator('cs-grid[label="conv1 filter 1"] [role="grid"]').click({ position: { x: 5, y: 5 } });
  await page.locator('cs-files button[aria-haspopup]', { hasText: 'Export' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({
    path: join(out, 'files-export-menu.png'),
    clip: { x: 0, y: 0, width: 720, height: 300 },
  });
} finally {
  await browser.close();
  server.close();
}
