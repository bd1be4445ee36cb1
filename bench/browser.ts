/**
 * What the interaction benchmarks share: the benchmark page (the browser version's app plus the hooks
 * of bench/web/main.ts) built once per process, served from a loopback port and opened in headless
 * Chromium as the e2e tests open the app (test/e2e/support); percentiles; the machine and its load.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../test/e2e/support/browser';
import { serveFolder, type StaticServer } from '../test/e2e/support/static-server';
import { machine } from './engine-report';

export interface BenchPage {
  readonly browser: Browser;
  readonly page: Page;
  /** A DevTools session on the page: heap usage, garbage collection, metrics. */
  readonly cdp: CDPSession;
  close(): Promise<void>;
}

const OUT = resolve('node_modules/.bench/web');
let built: Promise<void> | null = null;

/** Builds the benchmark page as `vite build` builds the browser version (production mode). */
function buildPage(): Promise<void> {
  built ??= build({
    configFile: false,
    root: resolve('bench/web'),
    base: './',
    logLevel: 'error',
    build: { outDir: OUT, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  }).then(() => undefined);
  return built;
}

/**
 * A fresh browser and page with the app loaded on its first-run workbook: one per case, so that one
 * case's garbage, caches and compiled code do not weigh on the next.
 */
export async function openBenchPage(viewport = { width: 1400, height: 900 }): Promise<BenchPage> {
  await buildPage();
  const server: StaticServer = await serveFolder(OUT);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(server.url);
  await page.locator('cs-app').waitFor();
  await page.waitForFunction(() => 'convsheetBench' in window);
  const cdp = await page.context().newCDPSession(page);
  return {
    browser,
    page,
    cdp,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The p-th quantile (0..1) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export const ms = (v: number): string => v.toFixed(1);

/** The machine, the browser and the load (1-minute average; 2 cores: above 2 jobs are waiting). */
export function environment(browser: Browser): Record<string, string | number> {
  return {
    ...machine(),
    chromium: browser.version(),
    load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
