import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** The fast.ai sheet's numbers: the digit, filters and maps the app's first-run workbook starts from. */
export interface FastaiFixture {
  input_28x28: number[][];
  conv2_filters_2x2x3x3: number[][][][];
}

export const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/fastai/fastai-conv-example.json', import.meta.url), 'utf8'),
) as FastaiFixture;

/** Valid 3 x 3 cross-correlation of one H x W map, written out as a student would: sum of products. */
export function correlate(map: number[][], filter: number[][]): number[][] {
  const out: number[][] = [];
  for (let y = 0; y + 3 <= map.length; y++) {
    const row: number[] = [];
    for (let x = 0; x + 3 <= (map[0]?.length ?? 0); x++) {
      let sum = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) sum += (map[y + i]?.[x + j] ?? 0) * (filter[i]?.[j] ?? 0);
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

export const relu = (m: number[][]): number[][] => m.map((r) => r.map((v) => Math.max(0, v)));

/** A number as the sheet shows it with 2 decimals (never "-0.00"). */
export function shown(v: number, decimals = 2): string {
  const t = v.toFixed(decimals);
  return /^-0\.?0*$/.test(t) ? t.slice(1) : t;
}

export function grid(page: Page, label: string): Locator {
  return page.locator(`cs-grid[label="${label}"] [role="grid"]`);
}

/** Clicks cell (row, col), 0-based, of the grid with this accessible name. */
export async function clickCell(page: Page, label: string, row: number, col: number): Promise<void> {
  const g = grid(page, label);
  await g.scrollIntoViewIfNeeded();
  const rows = Number(await g.getAttribute('aria-rowcount'));
  const cols = Number(await g.getAttribute('aria-colcount'));
  const box = await g.boundingBox();
  if (box === null) throw new Error(`grid ${label} is not visible`);
  await g.click({ position: { x: ((col + 0.5) * box.width) / cols, y: ((row + 0.5) * box.height) / rows } });
}

/** The numbers of a DOM grid's cells as they show them (each gridcell is named by its number), row by row. */
export async function cellTexts(page: Page, label: string): Promise<string[][]> {
  return grid(page, label).evaluate((g) => {
    const rows: string[][] = [];
    for (const cell of g.querySelectorAll<HTMLElement>('[role="gridcell"]')) {
      const r = Number(cell.dataset.row);
      (rows[r] ??= []).push(cell.getAttribute('aria-label') ?? '');
    }
    return rows;
  });
}

export async function status(page: Page): Promise<string> {
  return (await page.locator('cs-app footer [role="status"]').textContent()) ?? '';
}

export async function formula(page: Page): Promise<string> {
  return ((await page.locator('cs-inspector .formula').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Zooms the sheet to 100 %, where every cell shows its number. */
export async function zoomTo100(page: Page): Promise<void> {
  const zoom = page.locator('cs-app .zoom');
  for (let i = 0; i < 10 && (await zoom.textContent()) !== '100%'; i++) {
    await page.locator('cs-app button[aria-label="zoom in"]').click();
  }
}
