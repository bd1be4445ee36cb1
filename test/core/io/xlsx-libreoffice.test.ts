import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeAddress } from '../../../src-core/io/a1';
import { fillWorkbook } from '../../../src-core/io/xlsx-book';
import { planSheet, type SheetPlan } from '../../../src-core/io/xlsx-plan';
import { readXlsxRange } from '../../../src-core/io/xlsx-range';
import { firstRunWorkbook } from '../../../src-core/presets/workbooks';
import { evaluate } from '../../../src-core/sheet/evaluate';
import type { ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import type { Conv2dLayer, Workbook } from '../../../src-core/sheet/types';
import { everySetting, globalPools, paddedStridedRgb, resolved, workbookOf } from './xlsx-workbooks';

// The exported formulas are checked by the program people will open them with: headless LibreOffice
// recalculates a file whose formulas carry no cached values while converting it, and the recalculated
// values must equal the engine's (themselves checked against PyTorch) within 1e-9. One soffice run
// converts every file, with its own profile folder so that parallel runs do not collide.
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'convsheet-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plan(r: ResolvedWorkbook): SheetPlan {
  const p = planSheet(r);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.value;
}

async function writeXlsx(p: SheetPlan, path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  fillWorkbook(book, p);
  await book.xlsx.writeFile(path);
}

/** The first-run workbook with conv1's top-left filter weight changed from 1 to -2. */
function edited(workbook: Workbook): Workbook {
  const conv1 = workbook.layers[0] as Conv2dLayer;
  const data = Float64Array.from(conv1.weight.data ?? []);
  data[0] = -2;
  return {
    ...workbook,
    layers: [{ ...conv1, weight: { ...conv1.weight, data } }, ...workbook.layers.slice(1)],
  };
}

interface Case {
  readonly name: string;
  readonly resolved: ResolvedWorkbook;
  readonly plan: SheetPlan;
  /** The file written by ConvSheet, then the file LibreOffice recalculated. */
  readonly written: string;
  readonly recalculated: string;
}

const cases: Case[] = [];
const recalculatedDir = join(dir, 'recalculated');

describe.skipIf(!soffice)(
  'xlsx export recalculated by LibreOffice (skipped: soffice is not installed)',
  () => {
    beforeAll(async () => {
      const workbooks: [string, Workbook][] = [
        ['first-run', firstRunWorkbook()],
        ['padded-strided-rgb', workbookOf(paddedStridedRgb)],
        ['every-setting', workbookOf(everySetting)],
        ['global-pools', workbookOf(globalPools)],
      ];
      for (const [name, workbook] of workbooks) {
        const r = resolved(workbook);
        const p = plan(r);
        const written = join(dir, `${name}.xlsx`);
        await writeXlsx(p, written);
        cases.push({
          name,
          resolved: r,
          plan: p,
          written,
          recalculated: join(recalculatedDir, `${name}.xlsx`),
        });
      }
      // A filter edited in the file itself (not re-exported): the maps after it must follow.
      const first = cases[0];
      if (first === undefined) throw new Error('no first-run case');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(first.written);
      const filters = first.plan.blocks.find((b) => b.role === 'filters' && b.layer === 0);
      const sheet = book.worksheets[0];
      if (filters === undefined || sheet === undefined) throw new Error('no conv1 filters block');
      sheet.getCell(filters.rows[0] ?? 0, filters.cols[0] ?? 0).value = -2;
      const editedPath = join(dir, 'first-run-edited.xlsx');
      await book.xlsx.writeFile(editedPath);
      const r = resolved(edited(firstRunWorkbook()));
      cases.push({
        name: 'first-run, filter edited in the sheet',
        resolved: r,
        plan: first.plan,
        written: editedPath,
        recalculated: join(recalculatedDir, 'first-run-edited.xlsx'),
      });

      mkdirSync(recalculatedDir);
      const profile = `file://${join(dir, 'profile')}`;
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          recalculatedDir,
          ...cases.map((c) => c.written),
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
    }, 150_000);

    it.each([
      'first-run',
      'padded-strided-rgb',
      'every-setting',
      'global-pools',
      'first-run, filter edited in the sheet',
    ])('%s: every formula cell equals the engine within 1e-9', async (name) => {
      const c = cases.find((k) => k.name === name);
      if (c === undefined) throw new Error(`no case ${name}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(c.recalculated);
      const sheet = book.worksheets[0];
      if (sheet === undefined) throw new Error('no sheet');
      const evaluation = evaluate(c.resolved);
      let compared = 0;
      for (const block of c.plan.blocks) {
        if (block.role !== 'output') continue;
        const expected = evaluation.outputs[block.layer]?.data ?? new Float64Array(0);
        expect(block.rows.length, block.title).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          const cell: ExcelJS.Cell = sheet.getCell(block.rows[i] ?? 0, block.cols[i] ?? 0);
          const got = cell.result;
          const want = expected[i] ?? NaN;
          if (typeof got !== 'number' || Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) {
            expect.fail(
              `${block.title} element ${i} (${cell.address}, =${String(cell.formula)}): got ${JSON.stringify(got)}, engine ${want}`,
            );
          }
          compared++;
        }
      }
      // Every formula of the sheet (padding copies, flattened columns too) has a number, not an error.
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (cell.formula !== undefined && cell.formula !== '' && typeof cell.result !== 'number') {
            expect.fail(`${cell.address} =${cell.formula} gives ${JSON.stringify(cell.result)}`);
          }
        });
      });
      expect(compared).toBeGreaterThan(0);
      // The colour scales survive LibreOffice's round trip, one per grid.
      // (exceljs reads them into `conditionalFormattings`, which its type declarations leave out)
      const read = sheet as unknown as { conditionalFormattings: { ref: string }[] };
      const coloured = read.conditionalFormattings.map((f) => f.ref).sort();
      expect(coloured).toEqual([...c.plan.colourRanges].sort());
    });

    it('a range of the recalculated sheet imports back as the map it shows (relu1, map 2)', async () => {
      const c = cases[0];
      if (c === undefined) throw new Error('no first-run case');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(c.recalculated);
      const block = c.plan.blocks.find((b) => b.role === 'output' && b.layer === 1);
      if (block === undefined) throw new Error('no relu1 block');
      const [, h = 0, w = 0] = block.shape;
      const first = h * w; // map 2 starts after map 1's H x W cells
      const last = 2 * h * w - 1;
      const range = rangeAddress(
        block.rows[first] ?? 0,
        block.cols[first] ?? 0,
        block.rows[last] ?? 0,
        block.cols[last] ?? 0,
      );
      const r = readXlsxRange(book, range, 'convsheet');
      if (!r.ok) throw new Error(r.errors[0]?.message);
      const engine = evaluate(c.resolved).outputs[1]?.data.subarray(first, last + 1) ?? [];
      expect(r.value.grid.shape).toEqual([1, h, w]);
      r.value.grid.data.forEach((v, i) => expect(Math.abs(v - (engine[i] ?? NaN))).toBeLessThanOrEqual(1e-9));
    });
  },
);
