import { defineConfig } from 'vite';

// The convsheet command as one Node bundle (plain tsc output fails at run time on extension-less imports).
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: 'src-cli/convsheet.ts',
    outDir: 'out/cli',
    // Overwrite in place: tests running beside a rebuild never find the folder empty.
    emptyOutDir: false,
    target: 'node20',
    rolldownOptions: { output: { entryFileNames: 'convsheet.js', banner: '#!/usr/bin/env node' } },
  },
  ssr: { noExternal: true },
});
