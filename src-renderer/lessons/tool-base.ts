import { LitElement } from 'lit';
import type { EditResult } from '../../src-core/sheet/edit';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { CellRef } from '../../src-core/sheet/precedents';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { toolStyles } from './lesson-styles';

/** A change a lesson or a tool asks the app to make to the sheet: undoable, as every edit. */
export interface LessonEditDetail {
  readonly result: EditResult;
  /** Shapes or settings may change (not only values). */
  readonly structural: boolean;
  /** What the status line says when it is done. */
  readonly message: string;
  /** Show the sheet as its workbook's `ui` says (a lesson step opening its sheet at a readable zoom). */
  readonly withView?: boolean;
}

/**
 * What every teaching tool takes: the sheet (resolved and evaluated), the layer it looks at (null: its
 * own choice) and the selected cell. Tools change nothing themselves: they ask through events.
 *
 * @fires lesson-edit - CustomEvent<LessonEditDetail>
 * @fires lesson-select - CustomEvent<CellRef>: select this cell on the sheet.
 */
export class LessonTool extends LitElement {
  static override properties = {
    resolved: { attribute: false },
    evaluation: { attribute: false },
    layer: { attribute: false },
    selectedCell: { attribute: false },
  };

  declare resolved: ResolvedWorkbook | null;
  declare evaluation: Evaluation | null;
  declare layer: number | null;
  declare selectedCell: CellRef | null;

  static override styles = toolStyles;

  constructor() {
    super();
    this.resolved = null;
    this.evaluation = null;
    this.layer = null;
    this.selectedCell = null;
  }

  protected edit(detail: LessonEditDetail): void {
    this.dispatchEvent(new CustomEvent('lesson-edit', { detail, bubbles: true, composed: true }));
  }

  protected select(cell: CellRef): void {
    this.dispatchEvent(new CustomEvent('lesson-select', { detail: cell, bubbles: true, composed: true }));
  }

  /**
   * The layer to look at: the selected cell's when it suits (the user clicked there), else `layer`
   * (the lesson's choice), else the first that suits; -1 when none does.
   */
  protected pickLayer(suits: (k: number) => boolean): number {
    const r = this.resolved;
    if (r === null) return -1;
    const sel = this.selectedCell?.layer;
    if (sel !== undefined && sel >= 0 && suits(sel)) return sel;
    if (this.layer !== null && this.layer >= 0 && suits(this.layer)) return this.layer;
    return r.layers.findIndex((_, k) => suits(k));
  }
}
