import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The engine's typecheck sees no DOM and no Node: a stray `document` or `node:fs` in src-core fails
// `npm run typecheck`. This compiles a probe file under src-core's own compiler settings to prove it.
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'convsheet-isolation-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function typecheckUnderEngineSettings(source: string): string {
  writeFileSync(join(dir, 'probe.ts'), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, 'src-core/tsconfig.json'),
      compilerOptions: { composite: false, noEmit: true, rootDir: dir, emitDeclarationOnly: false },
      include: [join(dir, 'probe.ts')],
    }),
  );
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
    return '';
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

describe('src-core is checked without DOM or Node', () => {
  it('rejects document', () => {
    const out = typecheckUnderEngineSettings('export const title = document.title;\n');
    expect(out).toContain("Cannot find name 'document'");
  });

  it('rejects node:fs and process', () => {
    const out = typecheckUnderEngineSettings(
      "import { readFileSync } from 'node:fs';\nexport const text = readFileSync(process.argv[1] ?? '');\n",
    );
    expect(out).toContain("Cannot find name 'node:fs'");
    expect(out).toContain("Cannot find name 'process'");
  });

  it('accepts plain TypeScript', () => {
    expect(typecheckUnderEngineSettings('export const two: number = 1 + 1;\n')).toBe('');
  });
});
