/**
 * Keeping the sheet and the worker in step while learning: learned values go into a fresh workbook for
 * the app to show; values the learner typed on the sheet meanwhile are found by comparing with what
 * the panel last sent, and go to the worker as edits; a change of shapes or settings ends the session.
 */
import type { ParameterKind } from '../../src-core/learn/frozen';
import type { Layer, Workbook } from '../../src-core/sheet/types';
import type { ParameterValues } from './protocol';

type Weighted = Extract<Layer, { type: 'conv2d' | 'dense' }>;

export function isWeighted(layer: Layer): layer is Weighted {
  return layer.type === 'conv2d' || layer.type === 'dense';
}

/**
 * Everything about a workbook except its values: when this changes, the network the worker learns is
 * no longer the one on the sheet.
 */
export function structureKey(workbook: Workbook): string {
  return JSON.stringify({
    input: workbook.input.shape,
    layers: workbook.layers.map((l) =>
      isWeighted(l) ? { ...l, weight: l.weight.shape, bias: l.bias.shape } : l,
    ),
  });
}

/** The frozen cells (`learn.frozen`), which a trainer reads once when it is made. */
export function frozenKey(workbook: Workbook): string {
  const learn = workbook.learn;
  return JSON.stringify(
    typeof learn === 'object' && learn !== null && 'frozen' in learn ? learn.frozen : null,
  );
}

/** The workbook with these parameter values, in new arrays (the app may keep the old ones for undo). */
export function withValues(workbook: Workbook, values: readonly ParameterValues[]): Workbook {
  const layers = workbook.layers.map((layer, k): Layer => {
    if (!isWeighted(layer)) return layer;
    const w = values.find((v) => v.layer === k && v.kind === 'weight');
    const b = values.find((v) => v.layer === k && v.kind === 'bias');
    if (w === undefined && b === undefined) return layer;
    const weight = w === undefined ? layer.weight : { shape: layer.weight.shape, data: w.values.slice() };
    const bias = b === undefined ? layer.bias : { shape: layer.bias.shape, data: b.values.slice() };
    return { ...layer, weight, bias } as Layer;
  });
  return { ...workbook, layers };
}

/** The workbook with the layers named in `held` left out of learning (`trainable: false`). */
export function withHeld(workbook: Workbook, held: readonly string[]): Workbook {
  if (held.length === 0) return workbook;
  return {
    ...workbook,
    layers: workbook.layers.map((l) =>
      isWeighted(l) && held.includes(l.name) ? { ...l, trainable: false } : l,
    ),
  };
}

/**
 * The workbook as the learning worker needs it: held layers not trainable, and its `learn` object
 * without the example set kept there and the loss history (of it, learning reads only `frozen`), so
 * that posting it copies no more than it must.
 */
export function forWorker(workbook: Workbook, held: readonly string[]): Workbook {
  const wb = withHeld(workbook, held);
  const learn = wb.learn;
  if (learn === null || typeof learn !== 'object' || Array.isArray(learn)) return wb;
  const { examples: _examples, history: _history, ...rest } = learn as Record<string, unknown>;
  return { ...wb, learn: rest };
}

export interface CellEdit {
  readonly layer: number;
  readonly kind: ParameterKind;
  readonly index: number;
  readonly value: number;
}

/** The values of `workbook` that differ from the ones last sent (`sent`): the learner's own edits. */
export function editsSince(workbook: Workbook, sent: readonly ParameterValues[]): CellEdit[] {
  const edits: CellEdit[] = [];
  for (const p of sent) {
    const layer = workbook.layers[p.layer];
    if (layer === undefined || !isWeighted(layer)) continue;
    const now = p.kind === 'weight' ? layer.weight.data : layer.bias.data;
    if (now === null || now.length !== p.values.length) continue;
    for (let i = 0; i < now.length; i++) {
      const value = now[i] ?? 0;
      if (!Object.is(value, p.values[i])) edits.push({ layer: p.layer, kind: p.kind, index: i, value });
    }
  }
  return edits;
}

/** The layers learning would move: weighted, marked trainable, not held back in the panel. */
export function learningLayers(workbook: Workbook, held: readonly string[]): number[] {
  return workbook.layers.flatMap((l, k) =>
    isWeighted(l) && l.trainable && !held.includes(l.name) ? [k] : [],
  );
}

/** The value `sent` held for the cell an edit names. */
export function valueIn(sent: readonly ParameterValues[], e: CellEdit): number | undefined {
  return sent.find((p) => p.layer === e.layer && p.kind === e.kind)?.values[e.index];
}

/** `sent` with the edits applied (new arrays where an edit lands). */
export function withEdits(sent: readonly ParameterValues[], edits: readonly CellEdit[]): ParameterValues[] {
  return sent.map((p) => {
    const mine = edits.filter((e) => e.layer === p.layer && e.kind === p.kind);
    if (mine.length === 0) return p;
    const values = p.values.slice();
    for (const e of mine) values[e.index] = e.value;
    return { ...p, values };
  });
}

/** The weights and biases of the workbook's weighted layers (only the trainable ones with `trainableOnly`). */
export function parameterValues(workbook: Workbook, trainableOnly: boolean): ParameterValues[] {
  return workbook.layers.flatMap((l, layer): ParameterValues[] =>
    isWeighted(l) && (l.trainable || !trainableOnly) && l.weight.data !== null && l.bias.data !== null
      ? [
          { layer, kind: 'weight', values: l.weight.data },
          { layer, kind: 'bias', values: l.bias.data },
        ]
      : [],
  );
}
