// Finds a Chromium or Chrome binary for the browser test groups and the e2e tests.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Path of the first Chromium-family browser found, or undefined. */
export function findChromium() {
  return candidates.find((p) => p !== undefined && p !== '' && existsSync(p));
}

/**
 * Flags for headless Chromium on these machines: without the networking flags it floods a closed
 * network with connection attempts; as root it needs --no-sandbox.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
