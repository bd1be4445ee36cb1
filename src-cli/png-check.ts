/**
 * What a PNG file would make fast-png allocate, checked before it decodes. The size in the first IHDR
 * is checked against the limits (src-core/io/image-header.ts), but fast-png takes the size from the
 * last IHDR it meets, inflates the image data (IDAT) and an ICC profile (iCCP) without a bound, and so
 * a file of a few hundred kilobytes can make it allocate gigabytes: a second IHDR claiming 16000 x
 * 16000 pixels, or image data that inflates far beyond what its pixels need (a decompression bomb).
 * Here the chunks are walked and the compressed data inflated with Node's zlib under a cap.
 */
import { inflateSync } from 'node:zlib';

/** Samples per pixel by PNG colour type: gray, RGB, palette index, gray + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The Adam7 passes: first column and row, then the step between them. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of filtered scanlines the pixels need: per row a filter byte and the row packed to bytes. */
export function pngDataSize(
  width: number,
  height: number,
  bitsPerPixel: number,
  interlaced: boolean,
): number {
  const rows = (w: number, h: number): number =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0;
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

/** Image data beyond what the pixels need, tolerated as some encoders leave a little. */
const SLACK = 1 << 20;
/** ICC profiles are a few kilobytes to a few megabytes. */
const MAX_PROFILE = 16 << 20;

const u32 = (b: Uint8Array, i: number): number =>
  (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
const chunkType = (b: Uint8Array, i: number): string => String.fromCharCode(...b.subarray(i, i + 4));

/** Inflates under a cap: the bytes, 'over' past the cap, or null when the data is not valid zlib. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | 'over' | null {
  try {
    return inflateSync(data, { maxOutputLength: cap });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'over' : null;
  }
}

/**
 * A message when the PNG would make the decoder allocate more than its header's size allows, or when
 * its image data is cut short; null otherwise (damage of other kinds is left to the decoder to report).
 * The caller has read a valid first IHDR (`readImageHeader`).
 */
export function pngAllocationIssue(bytes: Uint8Array): string | null {
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const channels = CHANNELS[bytes[25] ?? -1];
  if (channels === undefined) return null;
  const need = pngDataSize(width, height, channels * (bytes[24] ?? 8), bytes[28] === 1);
  const data: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = u32(bytes, at);
    const type = chunkType(bytes, at + 4);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR' && at !== 8) {
      return `the PNG file is damaged: it has a second header (IHDR) claiming ${u32(body, 0)} x ${u32(body, 4)} pixels`;
    }
    if (type === 'IDAT') data.push(body);
    if (type === 'iCCP') {
      // Keyword, a zero byte, the compression method, then the zlib stream.
      const profile = inflateCapped(body.subarray(body.indexOf(0) + 2), MAX_PROFILE);
      if (profile === 'over')
        return 'the PNG file is damaged: its colour profile (iCCP) unpacks to over 16 MB';
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const pixels = inflateCapped(Buffer.concat(data), need + SLACK);
  if (pixels === 'over') {
    return `the PNG file is damaged: its image data unpacks to more than the ${width} x ${height} pixels need (a decompression bomb?)`;
  }
  if (pixels !== null && pixels.length < need) {
    return `the PNG file is damaged: its image data holds ${pixels.length} bytes, ${width} x ${height} pixels need ${need}`;
  }
  return null;
}
