import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernels, kernelModule, renderKernelModule } from '../../../scripts/kernels.mjs';
import { decodeBase64 } from '../../../src-core/kernels/wasm-module';
import { conv2dWasmBase64 } from '../../../src-core/kernels/conv2d-wasm-binary';

// The WebAssembly is committed (as base64 in a TypeScript module) so that a fresh clone needs no build
// step; this recompiles the AssemblyScript sources and checks the committed module is what they give.
// When it fails after an edit to src-core/kernels/assembly/, run `npm run build:kernels`.

describe('the committed WebAssembly kernels', () => {
  it('are what the AssemblyScript sources compile to', { timeout: 60_000 }, async () => {
    const binary = await compileKernels();
    expect(readFileSync(kernelModule, 'utf8')).toBe(renderKernelModule(binary));
  });

  it('decode from base64 to the bytes of a WebAssembly module', () => {
    const bytes = decodeBase64(conv2dWasmBase64);
    // "\0asm", then version 1.
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 97, 115, 109, 1, 0, 0, 0]);
    expect(Array.from(decodeBase64('AAEC/w=='))).toEqual([0, 1, 2, 255]);
    expect(Array.from(decodeBase64('TWFu'))).toEqual([77, 97, 110]);
    expect(Array.from(decodeBase64('TWE='))).toEqual([77, 97]);
  });
});
