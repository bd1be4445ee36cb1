import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backward } from '../../../src-core/learn/backprop';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { parseWorkbook, readWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook, type ResolvedWorkbook } from '../../../src-core/sheet/shapes';
import { writeWorkbook } from '../../../src-core/sheet/write';
import { tensor } from '../../../src-core/tensor';

// Properties of the engine on random shapes and settings (fixed seed, bounded runs): each is a law a
// learner could state, checked on workbooks nobody wrote by hand.
const runs = { seed: 20261123, numRuns: 60 };

interface ConvSettings {
  cin: number;
  cout: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  stride: [number, number];
  dilation: [number, number];
  padding: number | [number, number] | 'same' | 'valid';
  paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
  flip: boolean;
}

const convSettings: fc.Arbitrary<ConvSettings> = fc.record({
  cin: fc.integer({ min: 1, max: 3 }),
  cout: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 2, max: 9 }),
  w: fc.integer({ min: 2, max: 9 }),
  kh: fc.integer({ min: 1, max: 4 }),
  kw: fc.integer({ min: 1, max: 4 }),
  stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
  padding: fc.oneof(
    fc.integer({ min: 0, max: 2 }),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    fc.constant('same' as const),
    fc.constant('valid' as const),
  ),
  paddingMode: fc.constantFrom(
    'zeros' as const,
    'reflect' as const,
    'replicate' as const,
    'circular' as const,
  ),
  flip: fc.boolean(),
});

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 7.31 + i * 1.7) * 2);

function convWorkbook(s: ConvSettings, seed: number, extraLayers: object[] = []) {
  return {
    format: 'convsheet',
    version: 1,
    input: { shape: [s.cin, s.h, s.w], data: values(s.cin * s.h * s.w, seed) },
    layers: [
      {
        type: 'conv2d',
        weight: { shape: [s.cout, s.cin, s.kh, s.kw], data: values(s.cout * s.cin * s.kh * s.kw, seed + 1) },
        stride: s.stride,
        dilation: s.dilation,
        padding: s.padding,
        paddingMode: s.paddingMode,
        flip: s.flip,
      },
      ...extraLayers,
    ],
  };
}

/** The resolved workbook, or null when the settings are ones PyTorch refuses (those are tested elsewhere). */
function tryResolve(json: unknown): ResolvedWorkbook | null {
  const read = parseWorkbook(json);
  if (!read.ok) return null;
  const r = resolveWorkbook(read.value);
  return r.ok ? r.value : null;
}

function weightOf(r: ResolvedWorkbook, k: number): Float64Array {
  const l = r.layers[k]?.layer;
  const data = l !== undefined && (l.type === 'conv2d' || l.type === 'dense') ? l.weight.data : null;
  if (data === null) throw new Error(`layer ${k} has no weights`);
  return data;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('convolution is linear', () => {
  it('in the input: conv(a x1 + b x2) = a conv(x1) + b conv(x2), for every padding mode', () => {
    fc.assert(
      fc.property(
        convSettings,
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (s, a, b) => {
          const r = tryResolve(convWorkbook(s, 1));
          fc.pre(r !== null);
          if (r === null) return;
          const x = r.workbook.input.data ?? new Float64Array();
          const x1 = x.slice();
          const x2 = Float64Array.from(values(x.length, 9));
          const out = (input: Float64Array) => {
            x.set(input);
            return evaluate(r).outputs[0]?.data.slice() ?? new Float64Array();
          };
          const y1 = out(x1);
          const y2 = out(x2);
          const mixed = out(x1.map((v, i) => a * v + b * (x2[i] ?? 0)));
          return mixed.every((v, i) => close(v, a * (y1[i] ?? 0) + b * (y2[i] ?? 0)));
        },
      ),
      runs,
    );
  });

  it('in the filter: conv with (a w1 + b w2) = a conv(w1) + b conv(w2)', () => {
    fc.assert(
      fc.property(convSettings, fc.double({ min: -3, max: 3, noNaN: true }), (s, a) => {
        const r = tryResolve(convWorkbook(s, 2));
        fc.pre(r !== null);
        if (r === null) return;
        const w = weightOf(r, 0);
        const w1 = w.slice();
        const w2 = Float64Array.from(values(w.length, 5));
        const out = (filter: Float64Array) => {
          w.set(filter);
          return evaluate(r).outputs[0]?.data.slice() ?? new Float64Array();
        };
        const y1 = out(w1);
        const y2 = out(w2);
        const mixed = out(w1.map((v, i) => a * v + (w2[i] ?? 0)));
        return mixed.every((v, i) => close(v, a * (y1[i] ?? 0) + (y2[i] ?? 0)));
      }),
      runs,
    );
  });
});

describe('output size', () => {
  it('equals floor((n + pads - d(k - 1) - 1) / s) + 1 on each axis, and the computed grid has it', () => {
    fc.assert(
      fc.property(convSettings, (s) => {
        const r = tryResolve(convWorkbook(s, 3));
        fc.pre(r !== null);
        const layer = r?.layers[0];
        if (layer?.type !== 'conv2d') return false;
        const g = layer.geometry;
        const expectH =
          Math.floor((s.h + g.padTop + g.padBottom - s.dilation[0] * (s.kh - 1) - 1) / s.stride[0]) + 1;
        const expectW =
          Math.floor((s.w + g.padLeft + g.padRight - s.dilation[1] * (s.kw - 1) - 1) / s.stride[1]) + 1;
        const out = r === null ? undefined : evaluate(r).outputs[0];
        return (
          layer.rows.out === expectH &&
          layer.columns.out === expectW &&
          out?.shape.join('x') === `${s.cout}x${expectH}x${expectW}` &&
          out.data.length === s.cout * expectH * expectW
        );
      }),
      runs,
    );
  });
});

describe('gradients of whole pipelines equal central differences', () => {
  it('conv -> tanh -> avg pool -> dense, for random settings', () => {
    fc.assert(
      fc.property(convSettings, fc.integer({ min: 1, max: 3 }), (s, out) => {
        const r0 = tryResolve(convWorkbook(s, 4));
        fc.pre(r0 !== null);
        const [c, h, w] = r0?.layers[0]?.outputShape ?? [0, 0, 0];
        const pool = h >= 2 && w >= 2 ? [{ type: 'avgpool2d', size: 2, stride: 1 }] : [];
        const n = c * (pool.length > 0 ? (h - 1) * (w - 1) : h * w);
        const dense = {
          type: 'dense',
          weight: { shape: [out, n], data: values(out * n, 8) },
          bias: values(out, 3),
        };
        const r = tryResolve(convWorkbook(s, 4, [{ type: 'tanh' }, ...pool, dense]));
        if (r === null) return false;
        const seed = tensor([out, 1, 1], values(out, 11));
        const loss = () => {
          const y = evaluate(r).outputs.at(-1)?.data ?? new Float64Array();
          return y.reduce((sum, v, i) => sum + v * (seed.data[i] ?? 0), 0);
        };
        const grads = backward(r, evaluate(r), seed);
        const check = (params: Float64Array, analytic: Float64Array) =>
          [0, Math.floor(params.length / 2), params.length - 1].every((i) => {
            const keep = params[i] ?? 0;
            params[i] = keep + 1e-6;
            const up = loss();
            params[i] = keep - 1e-6;
            const down = loss();
            params[i] = keep;
            const numeric = (up - down) / 2e-6;
            return Math.abs(numeric - (analytic[i] ?? 0)) <= 1e-6 * Math.max(1, Math.abs(numeric));
          });
        const input = r.workbook.input.data ?? new Float64Array();
        return (
          check(input, grads.input.data) &&
          check(weightOf(r, 0), grads.layers[0]?.weight.data ?? new Float64Array())
        );
      }),
      { ...runs, numRuns: 40 },
    );
  });
});

describe('workbooks', () => {
  it('write then read is the identity, and writing again gives the same text', () => {
    fc.assert(
      fc.property(convSettings, fc.boolean(), (s, withPool) => {
        const extra = withPool ? [{ type: 'relu' }, { type: 'maxpool2d', size: 1, stride: 1 }] : [];
        const json = convWorkbook(s, 6, extra);
        const first = parseWorkbook(json);
        fc.pre(first.ok);
        if (!first.ok) return;
        const text = writeWorkbook(first.value);
        const again = readWorkbook(text);
        expect(again.ok).toBe(true);
        if (!again.ok) return;
        expect(again.value).toEqual(first.value);
        expect(writeWorkbook(again.value)).toBe(text);
      }),
      runs,
    );
  });

  it('incremental recompute equals a full recompute after any sequence of edits', () => {
    const edit = fc.record({
      layer: fc.integer({ min: -1, max: 2 }),
      at: fc.nat(),
      value: fc.double({ min: -5, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(convSettings, fc.array(edit, { minLength: 1, maxLength: 12 }), (s, edits) => {
        const r = tryResolve(
          convWorkbook(s, 7, [
            { type: 'relu' },
            {
              type: 'conv2d',
              weight: { shape: [2, s.cout, 1, 1], data: values(2 * s.cout, 2) },
              bias: [0.5, -0.5],
            },
          ]),
        );
        fc.pre(r !== null);
        if (r === null) return;
        let evaluation = evaluate(r);
        for (const e of edits) {
          // Layer -1 edits the input; 0 and 2 are the two convs (layer 1, the ReLU, has no weights).
          const target = e.layer === -1 ? r.workbook.input.data : weightOf(r, e.layer === 1 ? 2 : e.layer);
          if (target === null) return;
          target[e.at % target.length] = e.value;
          evaluation = evaluate(r, evaluation, e.layer === -1 ? 0 : e.layer === 1 ? 2 : e.layer);
          const full = evaluate(r);
          full.outputs.forEach((t, k) => {
            expect([...(evaluation.outputs[k]?.data ?? [])]).toEqual([...t.data]);
          });
        }
      }),
      runs,
    );
  });
});
