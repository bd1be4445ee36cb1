/**
 * Frozen cells: single weights or biases that learning never moves (e.g. a filter's centre kept at 0),
 * in a layer that otherwise learns. They live in the workbook's `learn` object, so they are saved and
 * shared with it and never change a number the sheet computes:
 *
 *   "learn": { "frozen": [ { "layer": "conv1", "weight": [4], "bias": [0] } ] }
 *
 * `layer` is the layer's name; `weight` lists flat row-major indices into the weight's data (for a
 * 1 x 1 x 3 x 3 filter, 4 is the centre), `bias` indices into the bias. A whole layer is frozen with
 * `"trainable": false` on the layer instead.
 */
import { IssueList, showValue, type Result } from '../sheet/issues';
import { isObject } from '../sheet/read-values';
import type { Layer, Workbook } from '../sheet/types';

export type ParameterKind = 'weight' | 'bias';

/** The frozen cells of one layer. */
export interface FrozenEntry {
  /** The layer's name. */
  readonly layer: string;
  /** Flat row-major indices into the weight's data. */
  readonly weight: readonly number[];
  /** Indices into the bias. */
  readonly bias: readonly number[];
}

/** Per frozen layer index: a keep-still flag (1) per weight value and per bias value. */
export type FrozenMasks = ReadonlyMap<number, { readonly weight: Uint8Array; readonly bias: Uint8Array }>;

type WeightedLayer = Extract<Layer, { type: 'conv2d' | 'dense' }>;

function weightedIndex(workbook: Workbook, name: string): number {
  return workbook.layers.findIndex((l) => l.name === name && (l.type === 'conv2d' || l.type === 'dense'));
}

/**
 * The frozen cells of a workbook as masks, checked against its layers: an unknown layer name, a layer
 * without weights or an index outside the weight is an error at `learn.frozen[i]...`.
 */
export function readFrozenCells(workbook: Workbook): Result<FrozenMasks> {
  const issues = new IssueList();
  const masks = new Map<number, { weight: Uint8Array; bias: Uint8Array }>();
  const learn = workbook.learn;
  const list = isObject(learn) ? learn.frozen : undefined;
  if (list === undefined) return issues.result(masks);
  if (!Array.isArray(list)) {
    issues.error(
      'learn.frozen',
      `learn.frozen must be a list of {"layer": name, "weight": [indices]}; got ${showValue(list)}`,
    );
    return issues.failure();
  }
  list.forEach((raw: unknown, i) => {
    const at = `learn.frozen[${i}]`;
    if (!isObject(raw) || typeof raw.layer !== 'string') {
      issues.error(
        at,
        `${at} must be {"layer": name, "weight": [indices], "bias": [indices]}; got ${showValue(raw)}`,
      );
      return;
    }
    const index = weightedIndex(workbook, raw.layer);
    const layer = workbook.layers[index];
    if (layer === undefined || (layer.type !== 'conv2d' && layer.type !== 'dense')) {
      issues.error(
        `${at}.layer`,
        `${at}.layer is "${raw.layer}", but no conv2d or dense layer has that name`,
      );
      return;
    }
    const mask = masks.get(index) ?? {
      weight: new Uint8Array(layer.weight.data?.length ?? 0),
      bias: new Uint8Array(layer.bias.shape[0]),
    };
    markIndices(raw.weight, mask.weight, `${at}.weight`, `${raw.layer} weight`, issues);
    markIndices(raw.bias, mask.bias, `${at}.bias`, `${raw.layer} bias`, issues);
    masks.set(index, mask);
  });
  return issues.result(masks);
}

function markIndices(v: unknown, mask: Uint8Array, path: string, what: string, issues: IssueList): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    issues.error(path, `${path} must be a list of indices into the ${what}; got ${showValue(v)}`);
    return;
  }
  v.forEach((k: unknown, j) => {
    if (typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < mask.length) mask[k] = 1;
    else
      issues.error(
        `${path}[${j}]`,
        `${path}[${j}] must be an index into the ${what} (0 to ${mask.length - 1}); got ${showValue(k)}`,
      );
  });
}

/**
 * The workbook's `learn` object with one cell frozen or thawed (for a UI toggle); other keys of
 * `learn` are kept. Entries left empty are dropped.
 */
export function withFrozenCell(
  workbook: Workbook,
  layer: WeightedLayer,
  kind: ParameterKind,
  index: number,
  frozen: boolean,
): Record<string, unknown> {
  const learn: Record<string, unknown> = isObject(workbook.learn) ? { ...workbook.learn } : {};
  const all = frozenEntries(workbook);
  const entries = all.filter((e) => e.layer !== layer.name);
  // Several entries for one layer are merged into one.
  const own = all.filter((e) => e.layer === layer.name);
  const cells = {
    weight: new Set(own.flatMap((e) => e.weight)),
    bias: new Set(own.flatMap((e) => e.bias)),
  };
  if (frozen) cells[kind].add(index);
  else cells[kind].delete(index);
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  const updated: FrozenEntry = { layer: layer.name, weight: sorted(cells.weight), bias: sorted(cells.bias) };
  if (updated.weight.length > 0 || updated.bias.length > 0) entries.push(updated);
  learn.frozen = entries.map((e) => ({
    layer: e.layer,
    ...(e.weight.length > 0 ? { weight: e.weight } : {}),
    ...(e.bias.length > 0 ? { bias: e.bias } : {}),
  }));
  return learn;
}

/** The entries of `learn.frozen` that are well formed (those readFrozenCells accepts). */
export function frozenEntries(workbook: Workbook): FrozenEntry[] {
  const list = isObject(workbook.learn) ? workbook.learn.frozen : undefined;
  if (!Array.isArray(list)) return [];
  const indices = (v: unknown): number[] =>
    Array.isArray(v) ? v.filter((k): k is number => typeof k === 'number' && Number.isInteger(k)) : [];
  return list.flatMap((raw: unknown) =>
    isObject(raw) && typeof raw.layer === 'string'
      ? [{ layer: raw.layer, weight: indices(raw.weight), bias: indices(raw.bias) }]
      : [],
  );
}
