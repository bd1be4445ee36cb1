/**
 * What main knows about the workbook in one window: its file, whether it has unsaved changes, and
 * what closing it must do. The page reports edits by revision number (see ipc.ts); the window has
 * unsaved changes while the newest edit is newer than the newest save, so an edit made while a save
 * was being written is never mistaken for saved.
 */
import type { AutosaveEntry } from './autosave-store';
import type { OpenedDocument } from './ipc';
import { displayName } from './workbook-file';

export class DocumentSession {
  path: string | null;
  /** The text the page loads: the file's, or the recovered work's; null for a new workbook. */
  private text: string | null;
  private recoveredAt: number | null;
  private editedRevision = 0;
  private savedRevision = 0;
  /** Set when the user chose Save in the close dialog: the window closes once the save succeeds. */
  closeAfterSave = false;
  /** Set once closing is settled (saved, or the user chose not to save): the next close goes through. */
  closeSettled = false;

  constructor(
    readonly id: string,
    opened: { readonly path: string | null; readonly text: string | null },
  ) {
    this.path = opened.path;
    this.text = opened.text;
    this.recoveredAt = null;
  }

  /** A session holding work recovered after a crash: unsaved until saved, whatever the page reports. */
  static recovered(entry: AutosaveEntry): DocumentSession {
    const session = new DocumentSession(entry.id, { path: entry.path, text: entry.text });
    session.recoverFrom(entry);
    return session;
  }

  /** Puts recovered work in place of what the page had (after the page itself crashed). */
  recoverFrom(entry: AutosaveEntry): void {
    this.text = entry.text;
    this.recoveredAt = entry.savedAt;
    // Revisions restart with the reloaded page; revision 1 is the recovered, unsaved state.
    this.editedRevision = 1;
    this.savedRevision = 0;
  }

  /** The page reloaded with the session's text and counts its edits from 0 again. */
  restart(): void {
    if (this.recoveredAt !== null) return;
    this.editedRevision = 0;
    this.savedRevision = 0;
  }

  get name(): string {
    return displayName(this.path);
  }

  get dirty(): boolean {
    return this.editedRevision > this.savedRevision;
  }

  /** A window nobody has touched: a new, unsaved, unedited workbook, which an opened file may replace. */
  get pristine(): boolean {
    return this.path === null && this.text === null && this.editedRevision === 0;
  }

  opened(): OpenedDocument {
    return {
      path: this.path,
      name: this.name,
      text: this.text,
      recovered: this.recoveredAt === null ? null : { savedAt: this.recoveredAt },
    };
  }

  edited(revision: number): void {
    this.editedRevision = Math.max(this.editedRevision, revision);
  }

  /** Records a save of `revision` to `path`; the text is what the page shows again if it reloads. */
  saved(revision: number, path: string, text: string): void {
    this.path = path;
    this.text = text;
    this.recoveredAt = null;
    this.savedRevision = Math.max(this.savedRevision, revision);
    this.editedRevision = Math.max(this.editedRevision, revision);
  }

  /** Whether an autosave of `revision` still holds unsaved work (a late one after a save does not). */
  wantsAutosave(revision: number): boolean {
    return revision > this.savedRevision;
  }
}

/**
 * The window title: "ConvSheet - digit.convsheet.json *" with unsaved changes. On macOS the file name
 * alone: the dot in the close button and the proxy icon say the rest.
 */
export function windowTitle(name: string, dirty: boolean, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return name;
  return `ConvSheet - ${name}${dirty ? ' *' : ''}`;
}

/** The close dialog's buttons, in the order shown; the default is Save, Escape means Cancel. */
export const CLOSE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;
export type CloseChoice = 'save' | 'discard' | 'cancel';

export function closeChoice(response: number): CloseChoice {
  if (response === 0) return 'save';
  if (response === 1) return 'discard';
  return 'cancel';
}

export function closeQuestion(name: string): { message: string; detail: string } {
  return {
    message: `Do you want to save the changes you made to ${name}?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}
