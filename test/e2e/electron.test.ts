import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src-core/sheet/read';
import { isStale } from '../support/freshness';
import { cellTexts, clickCell, grid, zoomTo100 } from './support/sheet';

// The real desktop app. Electron's binary is downloaded on first use and cannot be on machines without
// access to its host; Electron also needs a display (it has no headless mode). Where either is missing
// this test reports itself skipped, with the reason in its name.
const root = join(import.meta.dirname, '../..');
const electronDir = join(root, 'node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile)
  ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : undefined;
const hasBinary = binary !== undefined && existsSync(binary);
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
const reason = !hasBinary
  ? 'no Electron binary downloaded (npm start fetches it, see README)'
  : !hasDisplay
    ? 'no display: run under xvfb-run, e.g. xvfb-run -a npx vitest run --project e2e'
    : '';

const sample = join(root, 'samples/workbooks/by-hand.convsheet.json');
const FILTER = 'conv1 filter 1';

let dir: string;
const running: ElectronApplication[] = [];

/** Starts the built app as a user's double-click would, with its data folder kept inside `dir`. */
async function launch(files: string[]): Promise<ElectronApplication> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  // Playwright adds --no-sandbox on Linux itself (Electron's sandbox cannot start as root).
  const app = await electron.launch({
    executablePath: binary,
    args: [root, ...files],
    env: { ...env, CONVSHEET_USER_DATA_DIR: join(dir, 'data') },
  });
  running.push(app);
  return app;
}

/** The window title main shows: the file's name, with " *" while there are unsaved changes. */
function title(app: ElectronApplication): Promise<string | undefined> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
}

/** Chooses a menu item as a click would, for the app's first window. */
async function choose(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ BrowserWindow, Menu }, itemId) => {
    const window = BrowserWindow.getAllWindows()[0];
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (item === null || item === undefined) throw new Error(`no menu item ${itemId}`);
    (item.click as (event: unknown, window: unknown, contents: unknown) => void)(
      {},
      window,
      window?.webContents,
    );
  }, id);
}

async function setCentre(app: ElectronApplication, value: string): Promise<void> {
  const page = await app.firstWindow();
  await expect.poll(() => grid(page, FILTER).count()).toBe(1);
  await zoomTo100(page);
  await clickCell(page, FILTER, 1, 1);
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

async function centreShown(app: ElectronApplication): Promise<string | undefined> {
  const page = await app.firstWindow();
  await expect.poll(() => grid(page, FILTER).count()).toBe(1);
  await zoomTo100(page);
  return (await cellTexts(page, FILTER))[1]?.[1];
}

/** The centre weight of the workbook file on disk, read by the engine (so the file is also valid). */
function centreOnDisk(file: string): number | undefined {
  const read = readWorkbook(readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
  const conv = read.value.layers[0];
  return conv?.type === 'conv2d' ? conv.weight.data?.[4] : undefined;
}

describe.skipIf(reason !== '')(
  `desktop app in real Electron${reason === '' ? '' : ` (skipped: ${reason})`}`,
  () => {
    beforeAll(async () => {
      if (
        isStale('out/main/index.js', 'src-main', 'src-core') ||
        isStale('out/renderer/index.html', 'src-renderer', 'src-core')
      ) {
        const { build } = await import('electron-vite');
        await build({ logLevel: 'warn' });
      }
    });

    afterEach(async () => {
      for (const app of running.splice(0)) await app.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('opens a workbook from the command line, saves an edit to it, and reopens it with the edit', async () => {
      dir = mkdtempSync(join(tmpdir(), 'convsheet-electron-'));
      const file = join(dir, 'lesson.convsheet.json');
      copyFileSync(sample, file);

      const first = await launch([file]);
      await expect.poll(() => title(first)).toBe('ConvSheet - lesson.convsheet.json');
      expect(await centreShown(first)).toBe('8.00');

      await setCentre(first, '4');
      await expect.poll(() => title(first)).toBe('ConvSheet - lesson.convsheet.json *');
      expect(centreOnDisk(file)).toBe(8);

      await choose(first, 'save');
      await expect.poll(() => title(first)).toBe('ConvSheet - lesson.convsheet.json');
      expect(centreOnDisk(file)).toBe(4);
      // Saved through a temporary file and a rename: nothing else is left in the folder.
      expect(readdirSync(dir).sort()).toEqual(['data', 'lesson.convsheet.json']);
      await first.close();

      const second = await launch([file]);
      await expect.poll(() => title(second)).toBe('ConvSheet - lesson.convsheet.json');
      expect(await centreShown(second)).toBe('4.00');
    });

    it('offers unsaved work back after the app was killed, leaving the file as last saved', async () => {
      dir = mkdtempSync(join(tmpdir(), 'convsheet-electron-'));
      const file = join(dir, 'lesson.convsheet.json');
      copyFileSync(sample, file);
      const autosaveFolder = join(dir, 'data/autosave');

      const first = await launch([file]);
      await setCentre(first, '5');
      // Autosave runs a few seconds after an edit.
      await expect
        .poll(() => (existsSync(autosaveFolder) ? readdirSync(autosaveFolder).length : 0), {
          timeout: 15_000,
        })
        .toBe(1);
      first.process().kill('SIGKILL');
      running.splice(running.indexOf(first), 1);
      expect(centreOnDisk(file)).toBe(8);

      const second = await launch([]);
      await expect.poll(() => title(second)).toBe('ConvSheet - lesson.convsheet.json *');
      expect(await centreShown(second)).toBe('5.00');

      // Closing asks whether to save; "Don't Save" discards the recovered work for good.
      await second.evaluate(({ dialog }) => {
        dialog.showMessageBox = () => Promise.resolve({ response: 1, checkboxChecked: false });
      });
      await second.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(() => readdirSync(autosaveFolder).length).toBe(0);
      expect(centreOnDisk(file)).toBe(8);
    });
  },
);
