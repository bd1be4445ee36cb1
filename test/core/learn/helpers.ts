import type { Example } from '../../../src-core/learn/example-set';
import { parseWorkbook } from '../../../src-core/sheet/read';
import type { Workbook } from '../../../src-core/sheet/types';

/** A workbook from its file form (CONTRACTS section 2), failing the test on any issue. */
export function workbookFrom(json: Record<string, unknown>): Workbook {
  const read = parseWorkbook({ format: 'convsheet', version: 1, ...json });
  if (!read.ok) throw new Error(read.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return read.value;
}

/** An example of shape C x H x W with a label or a target. */
export function example(
  shape: number[],
  data: number[],
  answer: { label: number } | { target: { shape: number[]; data: number[] } },
): Example {
  return {
    input: { shape, data: Float64Array.from(data) },
    label: 'label' in answer ? answer.label : null,
    target:
      'target' in answer ? { shape: answer.target.shape, data: Float64Array.from(answer.target.data) } : null,
  };
}

/** The values of a weighted layer of a workbook. */
export function weightsOf(workbook: Workbook, layer: number): { weight: number[]; bias: number[] } {
  const l = workbook.layers[layer];
  if (l === undefined || (l.type !== 'conv2d' && l.type !== 'dense'))
    throw new Error(`layers[${layer}] has no weights`);
  return { weight: Array.from(l.weight.data ?? []), bias: Array.from(l.bias.data ?? []) };
}

/** Unwraps a Result, failing the test with its issues. */
export function ok<T>(
  r: { ok: true; value: T } | { ok: false; errors: readonly { path: string; message: string }[] },
): T {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.value;
}
