import { describe, expect, it } from 'vitest';
import { describeContent, readImageHeader } from '../../../src-core/io/image-header';
import { decodeImage } from '../../../src-cli/image-file';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >> 8) & 255, n & 255];
const u16le = (n: number) => [n & 255, (n >> 8) & 255];
const u32le = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

/** A PNG's first 33 bytes: signature, then the IHDR chunk (8-bit RGBA), its CRC left as zeros. */
function pngHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...u32be(13),
    ...ascii('IHDR'),
    ...u32be(width),
    ...u32be(height),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}

/** A JPEG's start: SOI, an APP0 segment, then a baseline frame header (SOF0). */
function jpegHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    ...u16be(16),
    ...ascii('JFIF'),
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    ...u16be(11),
    8,
    ...u16be(height),
    ...u16be(width),
    1,
    1,
    0x11,
    0,
  ]);
}

function header(bytes: Uint8Array) {
  const r = readImageHeader(bytes);
  return r.ok ? r.value : r.errors[0]?.message;
}

describe('image sizes read from the header', () => {
  it('PNG IHDR, JPEG SOF0, GIF screen, BMP DIB, WebP VP8X', () => {
    expect(header(pngHeader(28, 20))).toEqual({ kind: 'png', width: 28, height: 20 });
    expect(header(jpegHeader(640, 480))).toEqual({ kind: 'jpeg', width: 640, height: 480 });
    const gif = Uint8Array.from([...ascii('GIF89a'), ...u16le(3), ...u16le(2), 0, 0, 0]);
    expect(header(gif)).toEqual({ kind: 'gif', width: 3, height: 2 });
    // BMP: file header (14 bytes), then a 40-byte DIB header; a negative height is a top-down image.
    const bmp = Uint8Array.from([
      ...ascii('BM'),
      ...new Array<number>(12).fill(0),
      ...u32le(40),
      ...u32le(5),
      ...u32le(-7 >>> 0),
      1,
      0,
      24,
      0,
    ]);
    expect(header(bmp)).toEqual({ kind: 'bmp', width: 5, height: 7 });
    // WebP VP8X: canvas width - 1 and height - 1 as 24-bit little-endian numbers at bytes 24 and 27.
    const webp = Uint8Array.from([
      ...ascii('RIFF'),
      0,
      0,
      0,
      0,
      ...ascii('WEBPVP8X'),
      10,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      99,
      0,
      0,
      49,
      0,
      0,
    ]);
    expect(header(webp)).toEqual({ kind: 'webp', width: 100, height: 50 });
  });

  it('refuses a 20000 x 20000 image from its header, naming the limit', () => {
    const message =
      'the PNG image is 20000 x 20000 pixels (400,000,000), over the limit of 16,384 pixels per side and 40,000,000 pixels in all; scale it down first';
    expect(header(pngHeader(20000, 20000))).toBe(message);
    expect(header(jpegHeader(20000, 20000))).toBe(message.replace('PNG', 'JPEG'));
    // The command line's decoder gets the same answer and never allocates the 1.6 GB of pixels.
    expect(decodeImage(pngHeader(20000, 20000), 'png')).toBe(message);
  });

  it('names an empty, truncated or non-image file', () => {
    expect(header(new Uint8Array(0))).toBe('the file is empty');
    expect(header(pngHeader(28, 28).subarray(0, 20))).toBe(
      'the PNG file is truncated: it ends before its header (IHDR) is complete',
    );
    expect(header(jpegHeader(28, 28).subarray(0, 22))).toBe(
      'the JPEG file is truncated: it ends before its frame header (SOF) gives the size',
    );
    expect(header(Uint8Array.from(ascii('1,2,3\n')))).toBe(
      'not a PNG, JPEG, GIF, BMP or WebP image: the file holds text',
    );
    const r = readImageHeader(Uint8Array.from(ascii('{"format": "convsheet"}')), 'png');
    expect(r.ok ? '' : r.errors[0]?.message).toBe('not a PNG image: the file holds JSON text');
    expect(header(pngHeader(0, 5))).toBe(
      'the PNG image claims to be 0 x 5 pixels: an image needs at least 1 x 1',
    );
  });

  it('describes what a file holds', () => {
    expect(describeContent(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).toBe(
      'a ZIP archive (an .xlsx spreadsheet?)',
    );
    expect(describeContent(Uint8Array.from([0, 1, 2, 200]))).toBe('binary data of an unknown kind');
    expect(describeContent(jpegHeader(1, 1))).toBe('a JPEG image');
  });
});
