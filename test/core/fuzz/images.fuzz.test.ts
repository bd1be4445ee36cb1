import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, readImageHeader, type ImageKind } from '../../../src-core/io/image-header';
import { InputError } from '../../../src-cli/args';
import { decodeImage } from '../../../src-cli/image-file';
import { loadInputFile } from '../../../src-cli/input-file';
import { runCli } from '../support/cli';

// Fuzzing PNG and JPEG reading as the command line does it (decodeImage, loadInputFile for
// `eval --input`), with mutated real images, fixed seeds and bounded counts: every file gives either
// pixels of the size its header claims, within the limits, or one line saying what is wrong; never a
// throw, never a call slower than SLOW_MS. A few of the mutants also go through the real command.

const SLOW_MS = 3000;
const file = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));

const seeds: { kind: ImageKind; bytes: Uint8Array }[] = [
  { kind: 'png', bytes: file('samples/images/shapes-64x64.png') },
  { kind: 'png', bytes: file('samples/digits/drawn-7.png') },
  { kind: 'png', bytes: file('test/fixtures/io/gray-4x4.png') },
  { kind: 'png', bytes: file('test/fixtures/io/rgb-2x2.png') },
  { kind: 'jpeg', bytes: file('samples/images/scene.jpg') },
  { kind: 'jpeg', bytes: file('test/fixtures/io/gray-4x4.jpg') },
];

/** Where the size is claimed: PNG IHDR width and height, the JPEG frame header's height and width. */
function sizeBytes(kind: ImageKind, bytes: Uint8Array): number[] {
  if (kind === 'png') return [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28];
  const sof = bytes.findIndex(
    (b, i) => b === 0xff && (bytes[i + 1] ?? 0) >= 0xc0 && (bytes[i + 1] ?? 0) <= 0xc2,
  );
  return [5, 6, 7, 8, 9].map((k) => sof + k);
}

/** The value in one case out of four, otherwise undefined. */
const sometimes = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
  sizeEdits: sometimes(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 })),
  // Most mutants keep their length, so that many reach the decoders whole.
  cut: sometimes(fc.nat()),
  insert: sometimes(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutant(m: Mutation): { kind: ImageKind; bytes: Uint8Array } {
  const { kind, bytes: original } = seeds[m.seed] ?? { kind: 'png', bytes: new Uint8Array(0) };
  let bytes = Uint8Array.from(original);
  // Past the 8-byte signature, which a cut or an insertion still reaches.
  for (const [at, b] of m.edits) bytes[8 + (at % (bytes.length - 8))] = b;
  const claims = sizeBytes(kind, original);
  for (const [at, b] of m.sizeEdits ?? []) bytes[claims[at % claims.length] ?? 0] = b;
  if (m.insert !== undefined) {
    const at = m.insert[0] % bytes.length;
    bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.insert[1], ...bytes.subarray(at)]);
  }
  if (m.cut !== undefined) bytes = bytes.subarray(0, m.cut % (bytes.length + 1));
  return { kind, bytes };
}

let slowest = 0;
/** How the mutants ended: decoded, refused before decoding, refused by the decoder. */
const outcomes = { decoded: 0, refused: 0, byDecoder: 0 };

/** decodeImage: pixels as large as the header says and within the limits, or a one-line message. */
function checkDecode(kind: ImageKind, bytes: Uint8Array): void {
  const start = performance.now();
  const image = decodeImage(bytes, kind);
  slowest = Math.max(slowest, performance.now() - start);
  if (typeof image === 'string') {
    outcomes[image.includes('cannot be decoded') ? 'byDecoder' : 'refused']++;
    expect(image.length).toBeGreaterThan(5);
    expect(image).not.toMatch(/\n|\[object Object\]|undefined|TypeError|RangeError/);
    return;
  }
  outcomes.decoded++;
  const header = readImageHeader(bytes, kind);
  expect(header.ok && [header.value.width, header.value.height]).toEqual([image.width, image.height]);
  expect(image.width * image.height).toBeLessThanOrEqual(IMAGE_LIMITS.pixels);
  expect(image.data.length).toBe(image.width * image.height * 4);
}

describe('PNG and JPEG reading under fuzzing', () => {
  it('decodeImage survives 1500 mutated images: bytes changed, size claims changed, bytes inserted, files cut', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const { kind, bytes } = mutant(m);
        checkDecode(kind, bytes);
      }),
      { seed: 31, numRuns: 1500 },
    );
    expect(slowest).toBeLessThan(SLOW_MS);
    // The mutants reach the decoders, not only the header checks: all three endings are common.
    expect(Math.min(outcomes.decoded, outcomes.refused, outcomes.byDecoder)).toBeGreaterThan(150);
  });

  it('loadInputFile (eval --input) gives a 0..1 input or an InputError naming the file, for 150 mutants', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convsheet-fuzz-'));
    fc.assert(
      fc.property(mutation, fc.constantFrom('gray' as const, 'rgb' as const), (m, channels) => {
        const { kind, bytes } = mutant(m);
        const path = join(dir, kind === 'png' ? 'image.png' : 'image.jpg');
        writeFileSync(path, bytes);
        try {
          const input = loadInputFile(path, channels);
          expect(input.shape[0]).toBe(channels === 'gray' ? 1 : 3);
          expect(input.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
        }
      }),
      { seed: 37, numRuns: 150 },
    );
  });

  it('the real command: exit 0 with JSON, or exit 1 with one line and no stack trace, for 8 mutants', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convsheet-fuzz-cli-'));
    const workbook = new URL('../../fixtures/io/tiny.convsheet.json', import.meta.url).pathname;
    const sampled = fc.sample(mutation, { seed: 41, numRuns: 8 });
    sampled.forEach((m, i) => {
      const { kind, bytes } = mutant(m);
      const path = join(dir, `mutant-${i}.${kind === 'png' ? 'png' : 'jpg'}`);
      writeFileSync(path, bytes);
      const run = runCli('eval', workbook, '--input', path);
      expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
      if (run.code === 0) {
        expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
      } else {
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(new RegExp(`^convsheet: ${path}: [^\\n]+\\n$`));
      }
    });
  });
});
