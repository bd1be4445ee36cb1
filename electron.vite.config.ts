import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The project keeps its own folder names (src-main, src-renderer), so every entry is named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve('src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed renderer can only load a CommonJS preload; electron-vite names it index.cjs.
      rolldownOptions: { input: { index: resolve('src-main/preload.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
