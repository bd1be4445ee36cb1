import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Node cannot load `electron` here (importing it starts a download of the binary), so main-process
// logic lives in modules that use electron's types only; these files are the thin wiring allowed more.
const WIRING = new Set([
  'index.ts',
  'windows.ts',
  'documents.ts',
  'menu.ts',
  'ipc-handlers.ts',
  'preload.ts',
]);
const folder = join(import.meta.dirname, '../../../src-main');

/** The module specifiers a file imports at run time (`import type` lines are erased). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*import\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm)) {
    const typeOnly = match[1] !== undefined;
    const names = match[2] ?? '';
    const allTypes =
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => n.trim() === '' || n.trim().startsWith('type '));
    if (!typeOnly && !allTypes) found.push(match[3] ?? '');
  }
  for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1] ?? '');
  return found;
}

describe('main-process logic is testable in Node', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));

  it('imports electron at run time only from the wiring files', () => {
    const offenders = files
      .filter((f) => !WIRING.has(f))
      .filter((f) => runtimeImports(readFileSync(join(folder, f), 'utf8')).includes('electron'));
    expect(offenders).toEqual([]);
    // The check itself sees a run-time import where there is one.
    expect(runtimeImports(readFileSync(join(folder, 'windows.ts'), 'utf8'))).toContain('electron');
    expect(
      runtimeImports("import type { App } from 'electron';\nimport { type B } from 'electron';\n"),
    ).toEqual([]);
  });

  it("keeps the IPC contract free of imports, since the renderer's typecheck reads it", () => {
    expect(readFileSync(join(folder, 'ipc.ts'), 'utf8')).not.toMatch(/^\s*import\s/m);
  });

  it('lets every plain module load in Node', async () => {
    for (const f of files.filter((name) => !WIRING.has(name))) {
      const module: unknown = await import(join(folder, f));
      expect(module, f).toBeTypeOf('object');
    }
  });
});
