/**
 * Symbolic mode: a conv layer's filter written as letters and each output cell as the sum those
 * letters make with the input's numbers, as courses first present convolution: a 3x3 input 1..9 with
 * the 2x2 filter [w x; y z] gives 1w + 2x + 4y + 5z in the first output cell.
 */
import { conv2dTaps } from '../ops/conv2d';
import type { ResolvedLayer } from '../sheet/shapes';

const SMALL = ['w', 'x', 'y', 'z'];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A name for every weight of one filter (C_in x KH x KW, row-major): w x y z for a 2 x 2 slice,
 * a b c ... for larger ones, with the input channel appended when the filter is 3-D (a1 ... i1, a2 ...).
 */
export function weightSymbols(channels: number, kh: number, kw: number): string[] {
  const perSlice = kh * kw;
  const letters =
    perSlice <= SMALL.length
      ? SMALL.slice(0, perSlice)
      : perSlice <= ALPHABET.length
        ? [...ALPHABET.slice(0, perSlice)]
        : Array.from({ length: perSlice }, (_, k) => `w${Math.floor(k / kw) + 1}${(k % kw) + 1}_`);
  const names: string[] = [];
  for (let c = 0; c < channels; c++) {
    // Past 26 weights a name ends in its row and column, so the channel number needs a separator.
    for (const l of letters) names.push(channels > 1 ? `${l}${c + 1}` : l.replace(/_$/, ''));
  }
  return names;
}

/** A number as a coefficient: integers as they are, others to at most 2 decimals. */
function coefficient(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

/**
 * Output cell (o, y, x) of a conv layer as a sum of input values times weight letters, e.g.
 * `1w + 2x + 4y + 5z`, in the order the forward adds them; zero-padding terms are left out (they add
 * 0), a bias is written `+ b`.
 */
export function symbolicConvCell(
  r: ResolvedLayer & { type: 'conv2d' },
  input: Float64Array,
  o: number,
  y: number,
  x: number,
): string {
  const [, cin, kh, kw] = r.layer.weight.shape;
  const names = weightSymbols(cin, kh, kw);
  const taps = conv2dTaps(
    r.inputShape,
    r.layer.weight.shape,
    r.geometry,
    r.layer.paddingMode,
    r.layer.flip,
    o,
    y,
    x,
  );
  const perFilter = cin * kh * kw;
  const terms = taps
    .filter((t) => t.source !== null)
    .map((t) => {
      const name = names[t.weightIndex - o * perFilter] ?? '?';
      const v = input[t.source?.index ?? 0] ?? 0;
      return `${coefficient(v)}${name}`;
    });
  const body = terms.length === 0 ? '0' : terms.join(' + ').replace(/\+ -/g, '- ');
  return r.layer.hasBias ? `${body} + b` : body;
}
