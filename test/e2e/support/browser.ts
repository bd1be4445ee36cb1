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
  await page.goto(url);
  await page.locator('cs-app').waitFor();
  return page;
}
