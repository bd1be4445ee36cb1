import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The repository's test/fixtures/io folder. */
export const ioFixture = (name: string): string => join(import.meta.dirname, '../fixtures/io', name);

/** Chooses `file` in the file picker a click (or key) opens. */
export async function chooseFile(
  page: Page,
  open: () => Promise<void>,
  file: string | { name: string; text: string },
) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), open()]);
  await chooser.setFiles(
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.text) },
  );
}

/** Import… in the header, with a file. The preview dialog opens. */
export async function importFile(page: Page, file: string | { name: string; text: string }): Promise<void> {
  await chooseFile(page, () => page.locator('cs-files button.import').click(), file);
  await page.locator('cs-import-dialog [role="dialog"]').waitFor();
}

/** File > Open (Ctrl+O) with a workbook file. */
export async function openWorkbookFile(page: Page, file: string): Promise<void> {
  await chooseFile(page, () => page.keyboard.press('Control+o'), file);
}

/** The text of a file the page downloads while `act` runs. */
export async function downloaded(
  page: Page,
  act: () => Promise<void>,
): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), act()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: readFileSync(path) };
}

/** Export > an entry, for the grid selected on the sheet. */
export async function exportEntry(page: Page, text: string): Promise<{ name: string; data: Buffer }> {
  await page.locator('cs-files button[aria-haspopup]', { hasText: 'Export' }).click();
  return downloaded(page, () => page.locator('cs-files [role="menuitem"]', { hasText: text }).click());
}

/** The app's own numbers, read from the page: the input's values (for checks beyond two decimals). */
export function inputValues(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(document.querySelector('cs-app')?.session.workbook.input.data ?? [])]);
}

export function titleText(page: Page): Promise<string | null> {
  return page.locator('cs-files .title').textContent();
}
