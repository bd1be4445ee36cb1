import { defineConfig } from 'vite';

// The browser version: the same renderer as the desktop app, built with relative paths so that
// dist-web/ works from any static server or folder.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../dist-web', emptyOutDir: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
