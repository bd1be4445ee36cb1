/**
 * `convsheet summary` (CONTRACTS.md section 4): each layer's output shape, parameters and
 * multiply-accumulates, and the totals, as torchinfo counts them. Works on shape-only workbooks.
 */
import type { Result } from './issues';
import { resolveWorkbook, type ResolvedWorkbook } from './shapes';
import type { LayerType, Workbook } from './types';

export interface LayerSummary {
  readonly name: string;
  readonly type: LayerType;
  /** Output shape, [C, H, W]. */
  readonly shape: number[];
  readonly params: number;
  readonly macs: number;
}

export interface Summary {
  readonly layers: LayerSummary[];
  readonly params: number;
  readonly macs: number;
}

/** The summary of a workbook, or the errors that keep its shapes from being worked out. */
export function summarize(workbook: Workbook): Result<Summary> {
  const resolved = resolveWorkbook(workbook);
  return resolved.ok ? { ok: true, value: summaryOf(resolved.value), warnings: resolved.warnings } : resolved;
}

/** The summary of a workbook already resolved (the UI's status bar keeps one). */
export function summaryOf(sheet: ResolvedWorkbook): Summary {
  return {
    layers: sheet.layers.map((l) => ({
      name: l.layer.name,
      type: l.type,
      shape: [...l.outputShape],
      params: l.params,
      macs: l.macs,
    })),
    params: sheet.params,
    macs: sheet.macs,
  };
}
