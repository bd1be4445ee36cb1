import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

// The real desktop app. Electron's binary is downloaded on first use and cannot be on machines without
// access to its host; Electron also needs a display (no headless mode). Where either is missing this
// test reports itself skipped, with the reason in its name.
const electronDir = join(import.meta.dirname, '../../node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile)
  ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : undefined;
const hasBinary = binary !== undefined && existsSync(binary);
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
const built = existsSync(join(import.meta.dirname, '../../out/main/index.js'));
const reason = !hasBinary
  ? 'no Electron binary downloaded'
  : !hasDisplay
    ? 'no display (run under xvfb-run)'
    : !built
      ? 'app not built (npm run build)'
      : '';

describe.skipIf(reason !== '')(
  `desktop app in real Electron${reason === '' ? '' : ` (skipped: ${reason})`}`,
  () => {
    it('opens the window and recomputes after a filter edit', async () => {
      const app = await electron.launch({
        executablePath: binary,
        args: ['--no-sandbox', join(import.meta.dirname, '../..')],
      });
      const page = await app.firstWindow();
      const output = page.locator('cs-grid[label="Convolution"] td[data-row="5"][data-col="10"]');
      await expect.poll(() => output.getAttribute('title')).toBe('row 6, column 11: -0.756862819194793');
      await page.locator('cs-grid[label="Filter"] td[data-row="2"][data-col="1"]').click();
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      await expect.poll(() => output.getAttribute('title')).toBe('row 6, column 11: 0.384313762187957');
      await app.close();
    });
  },
);
