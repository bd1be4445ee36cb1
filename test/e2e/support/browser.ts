import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';

/** Launches Debian's (or the user's) Chromium headless; the e2e group only runs where one exists. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error('no Chromium found (set CHROMIUM_PATH)');
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/** A page of the given size with the app loaded and rendered. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  // Playwright turns file-chooser interception on when the first listener is added, asynchronously: a
  // listener from the start means a chooser opened by a shortcut under load is never missed.
  page.on('filechooser', () => undefined);
  await page.goto(url);
  // Ready once the sheet has drawn its grids and the file menu has set itself up (keyboard shortcuts
  // pressed earlier would find nothing to act on).
  await page.locator('cs-app cs-sheet [role="grid"]').first().waitFor();
  await page.waitForFunction(() => {
    const app = document.querySelector('cs-app');
    const files = app?.shadowRoot?.querySelector('cs-files') as
      (HTMLElement & { hasUpdated?: boolean }) | null;
    return files?.hasUpdated === true;
  });
  return page;
}
