/**
 * PNG and JPEG files to RGBA pixels for the command line, through the pure-JS decoders fast-png and
 * jpeg-js (the app uses the browser's decoders instead). For PNG, fast-png gives the same RGBA values as
 * Chromium; JPEG decoders differ by up to 3/255 (STACK-NOTES), so JPEG results are compared with a
 * tolerance. The size in the header is checked first (src-core/io/image-header.ts): nothing is decoded
 * for an image over the limits, nor for a PNG whose chunks would make the decoder allocate more than
 * that size needs (png-check.ts); jpeg-js caps its own allocations (maxMemoryUsageInMB).
 */
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from 'fast-png';
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../src-core/io/image-channels';
import { IMAGE_KIND_NAMES, IMAGE_LIMITS, readImageHeader, type ImageKind } from '../src-core/io/image-header';
import { pngAllocationIssue } from './png-check';

/** The image's pixels, or a message (without the file name) saying why it cannot be read. */
export function decodeImage(bytes: Uint8Array, expected: ImageKind | null): RgbaImage | string {
  const header = readImageHeader(bytes, expected);
  if (!header.ok) return header.errors[0]?.message ?? 'not an image';
  const { kind } = header.value;
  if (kind !== 'png' && kind !== 'jpeg') {
    return (
      `${IMAGE_KIND_NAMES[kind]} images are read by the app only; the command line reads PNG and JPEG ` +
      '(convert the image first)'
    );
  }
  // A file cut short loses its end marker; fast-png and jpeg-js may decode it anyway, grey at the bottom.
  if (kind === 'png' && !endsNear(bytes, PNG_END))
    return 'the PNG file is truncated: its last chunk (IEND) is missing';
  if (kind === 'jpeg' && !endsNear(bytes, [0xff, 0xd9])) {
    return 'the JPEG file is truncated: its end-of-image marker is missing';
  }
  const allocation = kind === 'png' ? pngAllocationIssue(bytes) : null;
  if (allocation !== null) return allocation;
  try {
    return kind === 'png' ? pngPixels(bytes) : jpegPixels(bytes);
  } catch (error) {
    // Decoder messages can end in a dangling colon (fflate's "Error while decompressing the data:").
    const why = (error instanceof Error ? error.message : String(error)).replace(/[\s:]+$/, '');
    // A TypeError is the decoder tripping over data it did not expect ("Cannot set properties of
    // undefined"): it says nothing about the file, so it is left out.
    const detail = error instanceof TypeError || why.includes('undefined') || why === '' ? '' : ` (${why})`;
    return `the ${IMAGE_KIND_NAMES[kind]} file is damaged and cannot be decoded${detail}`;
  }
}

/**
 * True when `marker` occurs in the last 64 KB of the file. An end marker may be followed by a few
 * bytes some tools append, so it is looked for near the end rather than exactly at it.
 */
function endsNear(bytes: Uint8Array, marker: readonly number[]): boolean {
  const from = Math.max(0, bytes.length - 65536);
  for (let i = bytes.length - marker.length; i >= from; i--) {
    if (marker.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

/** The IEND chunk that ends every PNG: its type "IEND" and its CRC. */
const PNG_END = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function pngPixels(bytes: Uint8Array): RgbaImage {
  const png = decodePng(bytes);
  return { width: png.width, height: png.height, data: toRgba(png) };
}

/** Any PNG colour type and bit depth as 8-bit RGBA, as a browser decodes it. */
function toRgba(png: DecodedPng): Uint8ClampedArray {
  const { width, height, depth } = png;
  const n = width * height;
  const out = new Uint8ClampedArray(n * 4);
  if (png.palette !== undefined) {
    const rgb = convertIndexedToRgb(png);
    const k = rgb.length / n;
    for (let i = 0; i < n; i++) {
      out[4 * i] = rgb[k * i] ?? 0;
      out[4 * i + 1] = rgb[k * i + 1] ?? 0;
      out[4 * i + 2] = rgb[k * i + 2] ?? 0;
      out[4 * i + 3] = k === 4 ? (rgb[k * i + 3] ?? 255) : 255;
    }
    return out;
  }
  const channels = png.channels;
  const samples = unpackSamples(png);
  // 16-bit samples to 8 bits with rounding (v / 257), as Chromium does; low depths stretched to 0..255.
  const max = (1 << depth) - 1;
  const to8 = (v: number): number => (depth === 8 ? v : Math.round((v * 255) / max));
  // tRNS on a gray or RGB image names one colour (in the image's own depth) that is fully transparent.
  const key = png.transparency;
  for (let i = 0; i < n; i++) {
    const s = (c: number): number => samples[i * channels + c] ?? 0;
    const gray = channels <= 2;
    const r = s(0);
    const g = gray ? r : s(1);
    const b = gray ? r : s(2);
    let a = channels === 2 ? to8(s(1)) : channels === 4 ? to8(s(3)) : 255;
    if (key !== undefined && key.length > 0 && (channels === 1 || channels === 3)) {
      const keyed = gray ? r === key[0] : r === key[0] && g === key[1] && b === key[2];
      if (keyed) a = 0;
    }
    out[4 * i] = to8(r);
    out[4 * i + 1] = to8(g);
    out[4 * i + 2] = to8(b);
    out[4 * i + 3] = a;
  }
  return out;
}

/** Samples one by one; below 8 bits PNG packs them into bytes, each row starting on a new byte. */
function unpackSamples(png: DecodedPng): ArrayLike<number> {
  const { width, height, depth, channels, data } = png;
  if (depth >= 8) return data;
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const out = new Uint8Array(perRow * height);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++)
    for (let k = 0; k < perRow; k++) {
      const bit = k * depth;
      const byte = data[y * rowBytes + (bit >> 3)] ?? 0;
      out[y * perRow + k] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  return out;
}

function jpegPixels(bytes: Uint8Array): RgbaImage {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: false,
    maxResolutionInMP: IMAGE_LIMITS.pixels / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  return { width: image.width, height: image.height, data: image.data };
}
