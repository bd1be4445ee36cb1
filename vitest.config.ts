import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';

// Browser groups (ui, e2e) need Chromium. On a user's machine without one, `npm test` says so and runs
// the rest; CI sets CONVSHEET_REQUIRE_BROWSER=1 so a missing browser fails instead of skipping quietly.
const chromium = findChromium();
if (chromium === undefined) {
  const message =
    'No Chromium found (set CHROMIUM_PATH, or install chromium): the ui and e2e test groups are skipped.';
  if (process.env.CONVSHEET_REQUIRE_BROWSER === '1') throw new Error(message);
  console.warn(message);
}

const browserProjects =
  chromium === undefined
    ? []
    : [
        {
          extends: true as const,
          test: {
            name: 'ui',
            include: ['test/ui/**/*.test.ts'],
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: { executablePath: chromium, args: chromiumArgs } }),
              instances: [{ browser: 'chromium' as const }],
              viewport: { width: 1400, height: 900 },
              screenshotFailures: false,
            },
          },
        },
        {
          extends: true as const,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/core/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'dom', include: ['test/dom/**/*.test.ts'], environment: 'happy-dom' },
      },
      ...browserProjects,
    ],
  },
});
