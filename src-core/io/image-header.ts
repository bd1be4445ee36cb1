/**
 * What an image file is and how large it claims to be, read from its first bytes before any decoder
 * runs. A 2 KB file can claim 20000 x 20000 pixels: decoding it would allocate 1.6 GB of RGBA, so the
 * size is checked against IMAGE_LIMITS first and refused with a message naming the limit.
 *
 * Headers read: PNG IHDR, JPEG SOFn (the first frame header before the scan), GIF logical screen, BMP
 * DIB header, WebP VP8 / VP8L / VP8X.
 */
import { formatCount, IssueList, type Result } from '../sheet/issues';

export type ImageKind = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

export interface ImageHeader {
  readonly kind: ImageKind;
  readonly width: number;
  readonly height: number;
}

/**
 * Largest image accepted: 16384 pixels per side (browsers' canvas limit) and 40 million pixels in all
 * (a 7000 x 5000 photo; 160 MB as RGBA). Images are resized to the network's input, at most 4096 a side.
 */
export const IMAGE_LIMITS = { side: 16384, pixels: 40_000_000 } as const;

export const IMAGE_KIND_NAMES: Record<ImageKind, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  bmp: 'BMP',
  webp: 'WebP',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image format from the file's magic bytes, or null when it is none of the five. */
export function imageKindOf(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('BM'))) return 'bmp';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** What a file's first bytes look like, for "not an image: it looks like ..." messages. */
export function describeContent(bytes: Uint8Array): string {
  const kind = imageKindOf(bytes);
  if (kind !== null) return `a ${IMAGE_KIND_NAMES[kind]} image`;
  if (bytes.length === 0) return 'an empty file';
  if (startsWith(bytes, ascii('PK\u0003\u0004'))) return 'a ZIP archive (an .xlsx spreadsheet?)';
  if (startsWith(bytes, ascii('%PDF'))) return 'a PDF document';
  const head = bytes.subarray(0, 512);
  let first = 0;
  while (
    first < head.length &&
    (head[first] === 0x20 ||
      head[first] === 0x0a ||
      head[first] === 0x0d ||
      head[first] === 0x09 ||
      head[first] === 0xef ||
      head[first] === 0xbb ||
      head[first] === 0xbf)
  )
    first++;
  const printable = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20);
  if (!printable) return 'binary data of an unknown kind';
  return head[first] === 0x7b || head[first] === 0x5b ? 'JSON text' : 'text';
}

const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number): number => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number): number => u16be(b, i) * 65536 + u16be(b, i + 2);
const i32le = (b: Uint8Array, i: number): number => u16le(b, i) | (u16le(b, i + 2) << 16);

type Size = { width: number; height: number } | string;

function pngSize(b: Uint8Array): Size {
  // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), ...
  if (b.length < 24) return 'the PNG file is truncated: it ends before its header (IHDR) is complete';
  if (!startsWith(b, ascii('IHDR'), 12))
    return 'the PNG file is damaged: its first chunk is not the IHDR header';
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** SOF markers carry the frame size; C4 (DHT), C8 (reserved) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(b: Uint8Array): Size {
  const truncated = 'the JPEG file is truncated: it ends before its frame header (SOF) gives the size';
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return 'the JPEG file is damaged: a segment does not start with a marker';
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i] ?? -1;
    i++;
    if (marker === -1) return truncated;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda)
      return 'the JPEG file has no frame header (SOF) before its image data';
    if (i + 2 > b.length) return truncated;
    const length = u16be(b, i);
    if (isStartOfFrame(marker)) {
      if (i + 7 > b.length) return truncated;
      const height = u16be(b, i + 3);
      if (height === 0)
        return 'the JPEG file gives its height only after the image data (DNL), which is not supported';
      return { width: u16be(b, i + 5), height };
    }
    if (length < 2) return 'the JPEG file is damaged: a segment has a length below 2';
    i += length;
  }
  return truncated;
}

function gifSize(b: Uint8Array): Size {
  if (b.length < 10) return 'the GIF file is truncated: it ends before its screen size';
  return { width: u16le(b, 6), height: u16le(b, 8) };
}

function bmpSize(b: Uint8Array): Size {
  if (b.length < 26) return 'the BMP file is truncated: it ends before its header gives the size';
  const dibSize = i32le(b, 14);
  // The OS/2 core header (12 bytes) has 16-bit sizes; the others 32-bit, a negative height meaning top-down.
  if (dibSize === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

function webpSize(b: Uint8Array): Size {
  const truncated = 'the WebP file is truncated: it ends before its header gives the size';
  if (b.length < 30) return truncated;
  if (startsWith(b, ascii('VP8X'), 12)) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (startsWith(b, ascii('VP8L'), 12)) {
    // After the 0x2f signature byte: 14 bits width - 1, 14 bits height - 1, little-endian bit order.
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(b, ascii('VP8 '), 12)) {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return 'the WebP file is damaged: no VP8 start code';
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return 'the WebP file holds no VP8, VP8L or VP8X image chunk';
}

/**
 * The format and size an image file claims, checked against `limits` before anything is decoded.
 * `expected` names the format the file's name promises, for the message when the bytes are no image.
 */
export function readImageHeader(
  bytes: Uint8Array,
  expected: ImageKind | null = null,
  limits: { readonly side: number; readonly pixels: number } = IMAGE_LIMITS,
): Result<ImageHeader> {
  const issues = new IssueList();
  const kind = imageKindOf(bytes);
  if (bytes.length === 0) {
    issues.error('', 'the file is empty');
    return issues.failure();
  }
  if (kind === null) {
    const wanted =
      expected === null ? 'a PNG, JPEG, GIF, BMP or WebP image' : `a ${IMAGE_KIND_NAMES[expected]} image`;
    issues.error('', `not ${wanted}: the file holds ${describeContent(bytes)}`);
    return issues.failure();
  }
  const readers: Record<ImageKind, (b: Uint8Array) => Size> = {
    png: pngSize,
    jpeg: jpegSize,
    gif: gifSize,
    bmp: bmpSize,
    webp: webpSize,
  };
  const size = readers[kind](bytes);
  if (typeof size === 'string') {
    issues.error('', size);
    return issues.failure();
  }
  const { width, height } = size;
  const name = IMAGE_KIND_NAMES[kind];
  if (width < 1 || height < 1) {
    issues.error(
      '',
      `the ${name} image claims to be ${width} x ${height} pixels: an image needs at least 1 x 1`,
    );
    return issues.failure();
  }
  const pixels = width * height;
  if (width > limits.side || height > limits.side || pixels > limits.pixels) {
    issues.error(
      '',
      `the ${name} image is ${width} x ${height} pixels (${formatCount(pixels)}), over the limit of ` +
        `${formatCount(limits.side)} pixels per side and ${formatCount(limits.pixels)} pixels in all; ` +
        'scale it down first',
    );
    return issues.failure();
  }
  return issues.result({ kind, width, height });
}
