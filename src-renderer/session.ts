/**
 * The workbook being edited, with what the sheet needs beside it: its resolved shapes, its evaluation,
 * a stamp per layer that changes whenever that layer was recomputed (so only changed grids repaint),
 * and the undo history. Every change goes through `apply`, `undo` or `redo`, which recompute from the
 * first layer the change touched.
 */
import { checked, type EditResult } from '../src-core/sheet/edit';
import { emptyHistory, record, redo, undo, type History, type Travel } from '../src-core/sheet/edit-history';
import { evaluate, type Evaluation } from '../src-core/sheet/evaluate';
import type { Issue } from '../src-core/sheet/issues';
import { nonFiniteLayers, nonFiniteMessages } from '../src-core/sheet/non-finite';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';
import type { Workbook } from '../src-core/sheet/types';

export class Session {
  workbook: Workbook;
  resolved: ResolvedWorkbook;
  evaluation: Evaluation;
  /** stamps[k] changes whenever layer k's output was recomputed; a new array each time. */
  stamps: number[];
  history: History;
  /** Changes whenever shapes or settings (not just values) may have changed: marks depend on it. */
  structure = 0;
  /** Warnings of the current workbook: valid, but worth knowing (a stride leaving rows unread). */
  warnings: readonly Issue[];
  /** One line per layer whose values overflowed (NaN or infinite), naming it; empty when all are finite. */
  overflow: readonly string[] = [];
  /** Milliseconds the last recompute took; NaN until the first edit (the first evaluation also warms up the JIT). */
  lastRecompute = Number.NaN;
  private stamp = 0;
  /** The workbook live previews started from (learning shows weights many times a second), or null. */
  private previewBase: Workbook | null = null;

  constructor(workbook: Workbook) {
    const r = checked(workbook, 0, 'open');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    this.workbook = workbook;
    this.resolved = r.value.resolved;
    this.warnings = r.warnings;
    this.history = emptyHistory();
    this.evaluation = evaluate(this.resolved);
    this.overflow = nonFiniteMessages(nonFiniteLayers(this.resolved, this.evaluation));
    this.stamps = this.resolved.layers.map(() => this.stamp);
  }

  /**
   * Applies an edit and records it for undo; returns the errors instead when the edit was refused,
   * leaving everything as it was. `structural` says shapes or settings may have changed.
   */
  apply(result: EditResult, structural: boolean): readonly Issue[] | null {
    if (!result.ok) return result.errors;
    const change = result.value;
    // After live previews, one step goes back to where they started, not to the last preview.
    this.history = record(this.history, this.previewBase ?? this.workbook, change);
    this.previewBase = null;
    this.show(change.workbook, change.resolved, change.from, structural, change.filters);
    this.warnings = result.warnings;
    return null;
  }

  /**
   * Shows a workbook without recording it, as learning does with the weights of a run in progress;
   * the next `apply` records everything since the first preview as one undoable step.
   */
  preview(result: EditResult): readonly Issue[] | null {
    if (!result.ok) return result.errors;
    this.previewBase ??= this.workbook;
    const { workbook, resolved, from, filters } = result.value;
    this.show(workbook, resolved, from, false, filters);
    return null;
  }

  /** Replaces data that never changes a number (the workbook's `learn` object): no undo step, no recompute. */
  keep(workbook: Workbook): void {
    this.workbook = workbook;
  }

  /** Undoes the last change; returns what was undone, or null when there was nothing to undo. */
  undo(): string | null {
    this.previewBase = null;
    return this.travel(undo(this.history, this.workbook));
  }

  redo(): string | null {
    return this.travel(redo(this.history, this.workbook));
  }

  private travel(t: Travel | null): string | null {
    if (t === null) return null;
    const r = checked(t.workbook, t.from, t.label);
    if (!r.ok) return null;
    this.history = t.history;
    this.warnings = r.warnings;
    this.show(t.workbook, r.value.resolved, t.from, true);
    return t.label;
  }

  /** `filters`: the edit changed only those filters of conv layer `from` (see Change). */
  private show(
    workbook: Workbook,
    resolved: ResolvedWorkbook,
    from: number,
    structural: boolean,
    filters?: readonly number[],
  ): void {
    this.workbook = workbook;
    this.resolved = resolved;
    const start = performance.now();
    this.evaluation = evaluate(resolved, this.evaluation, from, filters);
    this.lastRecompute = performance.now() - start;
    this.overflow = nonFiniteMessages(nonFiniteLayers(resolved, this.evaluation));
    this.stamp++;
    this.stamps = resolved.layers.map((_, k) => (k >= from ? this.stamp : (this.stamps[k] ?? this.stamp)));
    if (structural) this.structure++;
  }
}
