// Renders build/icon.svg to the PNGs the app and its installers use, with Chromium (no image tools
// needed): build/icon.png (1024 px, electron-builder makes the .icns and .ico from it),
// build/icons/<n>x<n>.png (Linux desktop sizes) and resources/icon.png (the window icon at run time).
// Below 64 px the digits are only noise, so small sizes show the coloured grid alone.
// Run: node build/render-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

const here = import.meta.dirname;
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const withoutDigits = svg.replace(/<g font-family[\s\S]*?<\/g>/, '');
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];

const executablePath = findChromium();
if (executablePath === undefined) throw new Error('No Chromium found: set CHROMIUM_PATH.');
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  const render = async (size, source) => {
    await page.setViewportSize({ width: size, height: size });
    const body = source.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  mkdirSync(join(here, 'icons'), { recursive: true });
  mkdirSync(join(here, '../resources'), { recursive: true });
  writeFileSync(join(here, 'icon.png'), await render(1024, svg));
  writeFileSync(join(here, '../resources/icon.png'), await render(256, svg));
  for (const size of linuxSizes) {
    writeFileSync(
      join(here, `icons/${size}x${size}.png`),
      await render(size, size < 64 ? withoutDigits : svg),
    );
  }
} finally {
  await browser.close();
}
