/** What the file commands ask the app to do: every change to the workbook is the app's to make. */
import type { EditResult } from '../../src-core/sheet/edit';
import type { Workbook } from '../../src-core/sheet/types';
import type { ViewSettings } from '../view';

/** Put an imported grid in place: one undoable change. */
export interface FilesChangeDetail {
  readonly change: EditResult;
  /** True when shapes may change (a new input size). */
  readonly structural: boolean;
}

/** Show another workbook, read from a file or kept from the last visit. */
export interface FilesOpenDetail {
  readonly workbook: Workbook;
  /** The view it was saved with, or null to keep the current one. */
  readonly view: ViewSettings | null;
  /** For the status line. */
  readonly message: string;
  /** True when it starts the session (restored on load): nothing to undo back to. */
  readonly fresh: boolean;
}

export interface FilesMessageDetail {
  readonly message: string;
}

declare global {
  interface HTMLElementEventMap {
    'files-change': CustomEvent<FilesChangeDetail>;
    'files-open': CustomEvent<FilesOpenDetail>;
    'files-message': CustomEvent<FilesMessageDetail>;
  }
}
