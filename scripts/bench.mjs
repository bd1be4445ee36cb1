// `npm run bench`: bundles each benchmark in bench/ for Node (as the CLI is bundled) and runs it.
// Benchmarks print their own tables of medians and ratios against peers measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const only = process.argv.slice(2);
const entries = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const outDir = join('node_modules', '.bench');
let failed = false;
for (const entry of entries) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join('bench', entry),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      rolldownOptions: { output: { entryFileNames: entry.replace(/\.ts$/, '.js') } },
    },
  });
  console.log(`\n== ${entry}`);
  const run = spawnSync(process.execPath, [join(outDir, entry.replace(/\.ts$/, '.js'))], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
