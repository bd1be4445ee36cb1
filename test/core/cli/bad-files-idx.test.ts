import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIdx } from '../../../src-core/io/idx';
import { bad, idxCases } from './bad-files-support';

// IDX files have no command-line path (the app and scripts/make-dataset-samples.mjs read them), so the
// corpus's IDX files go through readIdx: one error naming the file, never a throw.

describe('bad IDX files', () => {
  it.each(idxCases)('%s', (name, message) => {
    const read = readIdx(new Uint8Array(readFileSync(bad(name))), name);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.message)).toEqual([`${name}: ${message}`]);
  });

  it('the gzipped one is a good labels file once decompressed, as the app and the CLI do', () => {
    const read = readIdx(
      new Uint8Array(gunzipSync(readFileSync(bad('gzipped-labels-idx1-ubyte')))),
      'labels',
    );
    expect(read.ok && { dims: read.value.dims, data: [...read.value.data] }).toEqual({
      dims: [3],
      data: [7, 2, 1],
    });
  });
});
