/**
 * Undo and redo over whole workbooks. Edits share every tensor they do not touch, so keeping a hundred
 * workbooks costs a hundred copies of whatever was edited, not of the sheet. Each step remembers the
 * first layer it changed, so undoing recomputes from there too.
 */
import type { Change } from './edit';
import type { Workbook } from './types';

/** One step: the workbook on the other side of it, the first layer it changed and what it did. */
export interface HistoryStep {
  readonly workbook: Workbook;
  readonly from: number;
  readonly label: string;
  /** It put another document in place (see Change.document). */
  readonly document?: boolean;
}

export interface History {
  /** Oldest first; the last one is what Ctrl+Z goes back to. */
  readonly past: readonly HistoryStep[];
  /** Nearest first: what Ctrl+Y redoes next. */
  readonly future: readonly HistoryStep[];
  /** Steps kept; the oldest are forgotten beyond it. */
  readonly limit: number;
}

export function emptyHistory(limit = 100): History {
  return { past: [], future: [], limit };
}

/** The history after `change` was applied to `before`: undoable, and the redo list cleared. */
export function record(history: History, before: Workbook, change: Change): History {
  const step: HistoryStep = { workbook: before, from: change.from, label: change.label };
  const past = [...history.past, change.document === true ? { ...step, document: true } : step];
  return { ...history, past: past.slice(Math.max(0, past.length - history.limit)), future: [] };
}

/** Where an undo or redo lands: the workbook to show, where to recompute from, what was undone. */
export interface Travel {
  readonly history: History;
  readonly workbook: Workbook;
  readonly from: number;
  readonly label: string;
}

/** `step`'s workbook, with `current`'s `learn` object unless the step opened another workbook. */
function landing(step: HistoryStep, current: Workbook): Workbook {
  if (step.document === true || step.workbook.learn === current.learn) return step.workbook;
  const { learn: _learn, ...rest } = step.workbook;
  return current.learn === undefined ? rest : { ...rest, learn: current.learn };
}

/** Goes back one step from `current`, or null when there is nothing to undo. */
export function undo(history: History, current: Workbook): Travel | null {
  const step = history.past[history.past.length - 1];
  if (step === undefined) return null;
  return {
    history: {
      ...history,
      past: history.past.slice(0, -1),
      future: [{ ...step, workbook: current }, ...history.future],
    },
    workbook: landing(step, current),
    from: step.from,
    label: step.label,
  };
}

/** Goes forward one undone step from `current`, or null when there is nothing to redo. */
export function redo(history: History, current: Workbook): Travel | null {
  const step = history.future[0];
  if (step === undefined) return null;
  return {
    history: {
      ...history,
      past: [...history.past, { ...step, workbook: current }],
      future: history.future.slice(1),
    },
    workbook: landing(step, current),
    from: step.from,
    label: step.label,
  };
}
