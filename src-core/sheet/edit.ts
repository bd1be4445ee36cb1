/**
 * Edits to a workbook as pure functions: each takes a workbook and returns a new one (sharing every
 * tensor it did not touch) with the first layer whose output the edit changes, so the sheet can
 * recompute from there (`evaluate(resolved, previous, from)`). An edit that would break a rule returns
 * the errors instead, and the caller keeps the workbook it had: the sheet is never left blank.
 *
 * Value edits are here; layer settings in edit-settings.ts; undo/redo in edit-history.ts.
 */
import { formatCount } from './issues';
import type { Issue, Result } from './issues';
import { resolveWorkbook, type ResolvedWorkbook } from './shapes';
import type { Layer, Workbook } from './types';

/** Where a grid's numbers live: the input image, or a conv/dense layer's weights or biases. */
export type ValuesTarget =
  | { readonly kind: 'input' }
  | { readonly kind: 'weight'; readonly layer: number }
  | { readonly kind: 'bias'; readonly layer: number };

/** One cell's new value; `index` is flat, row-major, into the target's data. */
export interface CellChange {
  readonly index: number;
  readonly value: number;
}

/** A successful edit: the new workbook, already checked, and where recomputing starts. */
export interface Change {
  readonly workbook: Workbook;
  /** Its shapes and settings worked out: what `evaluate` takes. */
  readonly resolved: ResolvedWorkbook;
  /** The first layer whose output differs: 0 for an input edit, k for an edit to layer k. */
  readonly from: number;
  /** What the edit did, for the undo menu and the status line: "conv1 weight: 3 cells". */
  readonly label: string;
  /**
   * When the edit set values of conv layer `from`'s filters or biases and nothing else: the filters
   * (output channels) it touched, so that evaluation recomputes only their feature maps.
   */
  readonly filters?: readonly number[];
  /**
   * The edit puts another document in place (opening a workbook): undoing it brings back the old one
   * whole. Undoing any other edit leaves the workbook's `learn` object as it is now: it changes no
   * number, and what the learner set there since (settings, examples) is not part of the edit.
   */
  readonly document?: boolean;
}

export type EditResult = Result<Change>;

/** The values a target holds, or null when the workbook has no such tensor (or describes shapes only). */
export function targetValues(workbook: Workbook, target: ValuesTarget): Float64Array | null {
  if (target.kind === 'input') return workbook.input.data;
  const layer = workbook.layers[target.layer];
  if (layer === undefined || (layer.type !== 'conv2d' && layer.type !== 'dense')) return null;
  return target.kind === 'weight' ? layer.weight.data : layer.bias.data;
}

/** How messages and the undo menu name a target: "input", "conv1 weight", "fc1 bias". */
export function targetName(workbook: Workbook, target: ValuesTarget): string {
  if (target.kind === 'input') return 'input';
  return `${workbook.layers[target.layer]?.name ?? `layers[${target.layer}]`} ${target.kind}`;
}

/**
 * Sets cells of the input, a filter bank, a dense weight or a bias. Every value must be finite and every
 * index inside the tensor; otherwise nothing changes. A bias-free layer gains its bias when one of its
 * bias cells is set (the bias grid is the place to switch it on).
 */
export function setValues(
  workbook: Workbook,
  target: ValuesTarget,
  changes: readonly CellChange[],
  label?: string,
): EditResult {
  const name = targetName(workbook, target);
  const old = targetValues(workbook, target);
  if (old === null) return failure('', `${name}: there are no values to edit there`);
  for (const c of changes) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= old.length) {
      return failure('', `${name}: cell ${c.index} is outside its ${formatCount(old.length)} values`);
    }
    if (!Number.isFinite(c.value)) return failure('', `${name}: ${c.value} is not a finite number`);
  }
  const data = old.slice();
  for (const c of changes) data[c.index] = c.value;
  const from = target.kind === 'input' ? 0 : target.layer;
  const text = label ?? `${name}: ${changes.length === 1 ? '1 cell' : `${changes.length} cells`}`;
  if (target.kind === 'input') {
    return checked({ ...workbook, input: { ...workbook.input, data } }, from, text);
  }
  const layer = workbook.layers[target.layer];
  if (layer?.type !== 'conv2d' && layer?.type !== 'dense') return failure('', `${name}: not editable`);
  let next: Layer;
  if (target.kind === 'bias') next = { ...layer, bias: { ...layer.bias, data }, hasBias: true };
  else if (layer.type === 'conv2d') next = { ...layer, weight: { ...layer.weight, data } };
  else next = { ...layer, weight: { ...layer.weight, data } };
  const result = checked(replaceLayer(workbook, target.layer, next), from, text);
  // Switching a bias on adds it to every filter's sum (even a zero bias turns -0 into +0).
  const filters =
    layer.type !== 'conv2d' || (target.kind === 'bias' && !layer.hasBias)
      ? undefined
      : touchedFilters(layer.weight.shape, target.kind, changes);
  return result.ok && filters !== undefined ? { ...result, value: { ...result.value, filters } } : result;
}

/** The filters (output channels) of an OUT x IN x KH x KW filter bank that weight or bias cells belong to. */
function touchedFilters(
  shape: readonly number[],
  kind: 'weight' | 'bias',
  changes: readonly CellChange[],
): number[] {
  const per = kind === 'bias' ? 1 : shape.slice(1).reduce((a, b) => a * b, 1);
  return [...new Set(changes.map((c) => Math.floor(c.index / per)))].sort((a, b) => a - b);
}

/** The workbook with layer `index` replaced. */
export function replaceLayer(workbook: Workbook, index: number, layer: Layer): Workbook {
  return { ...workbook, layers: workbook.layers.map((l, i) => (i === index ? layer : l)) };
}

/** The edit when the new workbook keeps every rule, its errors otherwise. */
export function checked(workbook: Workbook, from: number, label: string): EditResult {
  const r = resolveWorkbook(workbook);
  if (!r.ok) return r;
  return { ok: true, value: { workbook, resolved: r.value, from, label }, warnings: r.warnings };
}

export function failure(path: string, message: string): EditResult {
  const errors: Issue[] = [{ path, message }];
  return { ok: false, errors, warnings: [] };
}
