// Takes the screenshots of the "Your own files" section of docs/guide.md from the real app: builds the
// browser version, serves it on a loopback port and drives Chromium through playwright-core.
// Run from the repository root: node docs/images/files-screenshots.mjs
import { join } from 'node:path';
import { openBuiltApp } from './built-app.mjs';

const out = 'docs/images';

const { url, browser, close } = await openBuiltApp();

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
  await close();
}
