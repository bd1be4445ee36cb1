// Takes the screenshots of docs/guide.md (and README's docs/images/convsheet.png) from the real app:
// builds the browser version, serves it on a loopback port and drives Chromium through playwright-core.
// Run from the repository root: node docs/images/screenshots.mjs
import { join } from 'node:path';
import { openBuiltApp } from './built-app.mjs';

const out = 'docs/images';

const { url, browser, close } = await openBuiltApp();

async function open(width = 1400, height = 860) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.locator('cs-app').waitFor();
  await page.waitForTimeout(300);
  return page;
}

async function zoomTo(page, percent) {
  const zoom = page.locator('cs-app .zoom');
  for (let i = 0; i < 12 && (await zoom.textContent()) !== `${percent}%`; i++) {
    const now = parseInt((await zoom.textContent()) ?? '0', 10);
    await page.locator(`cs-app button[aria-label="${now < percent ? 'zoom in' : 'zoom out'}"]`).click();
  }
}

async function clickCell(page, label, row, col) {
  const g = page.locator(`cs-grid[label="${label}"] [role="grid"]`);
  await g.scrollIntoViewIfNeeded();
  const rows = Number(await g.getAttribute('aria-rowcount'));
  const cols = Number(await g.getAttribute('aria-colcount'));
  const box = await g.boundingBox();
  await g.click({ position: { x: ((col + 0.5) * box.width) / cols, y: ((row + 0.5) * box.height) / rows } });
}

/** Scrolls the sheet so that the block of `layer` (-1: the input) starts at its left edge. */
async function scrollToBlock(page, layer, top = 0) {
  await page.locator('cs-sheet').evaluate(
    (sheet, [l, t]) => {
      const scroller = sheet.shadowRoot.querySelector('.scroller');
      const block = sheet.shadowRoot.querySelector(`section.block[data-layer="${l}"]`);
      scroller.scrollTo({ left: block.offsetLeft - 16, top: t });
    },
    [layer, top],
  );
  await page.waitForTimeout(200);
}

async function shot(page, name) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(out, name) });
  console.log(`wrote ${join(out, name)}`);
}

try {
  // The first-run workbook as it opens.
  let page = await open();
  await shot(page, 'guide-first-run.png');

  // Typing the horizontal-edge filter into filter 1 (from the identity), at 65 %.
  await page.locator('select[aria-label="conv1 filter 1 preset"]').selectOption('identity');
  const rows = [
    ['1', '1', '1'],
    ['0', '0', '0'],
    ['-1', '-1', '-1'],
  ];
  for (const [r, row] of rows.entries()) {
    await clickCell(page, 'conv1 filter 1', r, 0);
    for (const [c, v] of row.entries()) {
      await page.keyboard.type(v);
      await page.keyboard.press(c < 2 ? 'Tab' : 'Enter');
    }
  }
  await clickCell(page, 'conv1 filter 1', 2, 1);
  await scrollToBlock(page, 0);
  await shot(page, 'guide-filter-typed.png');
  await page.close();

  // A conv2 cell's formula, its precedents back to the input and its dependents forward.
  page = await open();
  await zoomTo(page, 60);
  await clickCell(page, 'conv2 map 1', 9, 12);
  await scrollToBlock(page, 1);
  await shot(page, 'guide-formula.png');
  await page.close();

  // README: the whole first half of the network at once, a conv2 cell traced back and forward.
  page = await open(1900, 800);
  await zoomTo(page, 40);
  await clickCell(page, 'conv2 map 1', 9, 12);
  await scrollToBlock(page, -1);
  await shot(page, 'convsheet.png');
  await page.close();

  // Zoomed in: every cell shows its number.
  page = await open();
  await zoomTo(page, 100);
  await clickCell(page, 'conv1 map 1', 9, 10);
  await scrollToBlock(page, 0);
  await shot(page, 'guide-numbers.png');
  await page.close();

  // A filter weight: every input cell it multiplies and every output it adds to.
  page = await open();
  await clickCell(page, 'conv1 filter 2', 1, 0);
  await scrollToBlock(page, -1);
  await shot(page, 'guide-weight.png');
  await page.close();

  // Layer settings: a change that works, then one that cannot, explained beside the control.
  page = await open();
  await page.locator('cs-layer-panel button.layer', { hasText: 'conv1' }).click();
  const kernel = page.locator('cs-layer-settings [name="kernel"]');
  await kernel.fill('5');
  await kernel.press('Enter');
  const stride = page.locator('cs-layer-settings [name="stride"]');
  await stride.fill('0');
  await stride.press('Enter');
  await scrollToBlock(page, -1);
  await shot(page, 'guide-layers.png');
  await page.close();

  // A pasted block refused: the message names the row and column.
  page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await zoomTo(page, 80);
  await page.evaluate(() => navigator.clipboard.writeText('1\t2\t1\n0\tzero\t0\n-1\t-2\t-1\n'));
  await clickCell(page, 'conv1 filter 2', 0, 0);
  await page.keyboard.press('Control+V');
  await scrollToBlock(page, 0);
  await shot(page, 'guide-paste-refused.png');
  await page.close();

  // A 64 x 64 picture: large grids are heatmaps, with numbers when zoomed in; fast.ai colours, each
  // grid on its own scale.
  page = await open();
  await page.locator('select[aria-label="open a sample workbook"]').selectOption('picture');
  await page.locator('cs-app select').nth(1).selectOption('fastai');
  await page.locator('cs-app select').nth(2).selectOption('grid');
  await zoomTo(page, 30);
  await shot(page, 'guide-picture.png');
  await zoomTo(page, 100);
  await clickCell(page, 'Input', 22, 8);
  await page.locator('cs-sheet').evaluate((sheet) => {
    sheet.shadowRoot.querySelector('.scroller').scrollTo({ left: 0, top: 300 });
  });
  await shot(page, 'guide-picture-numbers.png');
  await page.close();
} finally {
  await close();
}
