/**
 * Numbers as the numbers canvases draw them: each distinct text rendered once into a bitmap and copied
 * after that, which costs a fraction of laying out the string with fillText.
 */
const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace";

/**
 * Rendered texts shared by every grid, each an immutable bitmap of its own size: drawing from a bitmap
 * that never changes copies only its pixels (drawing from one canvas that keeps receiving new texts
 * makes the browser snapshot that whole canvas each time). Kept by font size and ink, then by text: a
 * lookup per cell builds no key. A sheet shows a few thousand distinct numbers; past STAMPS the least
 * recently made are dropped.
 */
const STAMPS = 12000;
/** Stamps of one font size and ink, by text. */
export type StampSet = Map<string, ImageBitmap>;
const stampSets = new Map<string, StampSet>();
/** Every stamp made, oldest first: its set and text. */
const made = new Map<string, { readonly set: StampSet; readonly text: string }>();
let scratch: OffscreenCanvasRenderingContext2D | null = null;

/** The stamps of `ink` at `fontPx` (device px). */
export function stampSet(fontPx: number, ink: string): StampSet {
  const key = `${fontPx}|${ink}`;
  let set = stampSets.get(key);
  if (set === undefined) {
    set = new Map();
    stampSets.set(key, set);
  }
  return set;
}

/** The bitmap of `text` in `set`, rendered on first use (null where OffscreenCanvas is missing). */
export function stamp(set: StampSet, text: string, ink: string, fontPx: number): ImageBitmap | null {
  const known = set.get(text);
  if (known !== undefined) return known;
  scratch ??= new OffscreenCanvas(1, 1).getContext('2d');
  if (scratch === null) return null;
  const font = `${fontPx}px ${FONT}`;
  scratch.font = font;
  const canvas = scratch.canvas;
  canvas.width = Math.max(1, Math.ceil(scratch.measureText(text).width) + 2);
  canvas.height = Math.max(1, Math.ceil(fontPx * 1.4));
  // Resizing resets the context's state.
  scratch.font = font;
  scratch.fillStyle = ink;
  scratch.textBaseline = 'middle';
  scratch.fillText(text, 1, canvas.height / 2);
  const bitmap = canvas.transferToImageBitmap();
  if (made.size >= STAMPS) {
    const [oldest, entry] = made.entries().next().value ?? [];
    if (oldest !== undefined && entry !== undefined) {
      entry.set.get(entry.text)?.close();
      entry.set.delete(entry.text);
      made.delete(oldest);
    }
  }
  set.set(text, bitmap);
  made.set(`${fontPx}|${ink}|${text}`, { set, text });
  return bitmap;
}
