import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../test/e2e/support/browser';
import { serveFolder, type StaticServer } from '../test/e2e/support/static-server';

// The learn drawer's harness page (src-renderer/learn/harness.html: the sheet and the drawer wired as
// the app must wire them), built as the app is built, served, and opened in Chromium. Used by the
// long-task benchmark and by the screenshots of docs/learning.md.

export interface Harness {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openHarness(viewport = { width: 1400, height: 900 }): Promise<Harness> {
  const outDir = resolve('node_modules/.bench/learn-harness');
  await build({
    configFile: false,
    root: resolve('src-renderer/learn'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: resolve('src-renderer/learn/harness.html') },
    },
  });
  const server: StaticServer = await serveFolder(outDir);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(new URL('harness.html', server.url).href);
  await page.locator('cs-learn-panel').waitFor();
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Chooses a generated example set in the drawer, as a learner would. */
export async function chooseSet(page: Page, task: string): Promise<void> {
  await page.locator('cs-learn-panel select[aria-label="example set"]').selectOption(`task:${task}`);
  await page.waitForTimeout(300);
}

/** Waits until the drawer's status line matches `pattern`. */
export async function waitForStatus(page: Page, pattern: RegExp, timeout = 60_000): Promise<void> {
  await page.locator('cs-learn-panel .status').filter({ hasText: pattern }).waitFor({ timeout });
}
