// `npm start`: builds and opens the desktop app. Electron's binary is fetched on first use; where it
// cannot be fetched (no internet access to its download host), say so in one line and serve the
// browser version instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveWeb } from './serve-web.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function obtainElectron() {
  if (electronBinary() !== undefined) return true;
  console.log('Fetching the Electron binary (first run only)...');
  // The installer hangs against a host that accepts and never answers: bound it.
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 180_000,
  });
  return result.status === 0 && electronBinary() !== undefined;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (obtainElectron()) {
  const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(npx, ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron binary could not be downloaded (no access to its download host), so the desktop window cannot open here; serving the browser version instead.',
  );
  await serveWeb();
}
