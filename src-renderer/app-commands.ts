/**
 * What the keyboard shortcuts and the desktop menu's Edit and View items do to the sheet. Text fields
 * keep their own undo: Ctrl+Z while typing in one undoes the typing, not the last sheet change.
 */
import type { MenuCommand } from '../src-main/ipc';
import { zoomStep, type ViewSettings } from './view';

export interface CommandTarget {
  readonly view: ViewSettings;
  setView(view: ViewSettings): void;
  undo(): void;
  redo(): void;
}

/** The action of a desktop menu command on the sheet, or undefined when the sheet has none for it. */
export function menuAction(target: CommandTarget, command: MenuCommand): (() => void) | undefined {
  const v = target.view;
  const actions: Partial<Record<MenuCommand, () => void>> = {
    undo: () => target.undo(),
    redo: () => target.redo(),
    'zoom-in': () => target.setView({ ...v, zoom: zoomStep(v.zoom, 1) }),
    'zoom-out': () => target.setView({ ...v, zoom: zoomStep(v.zoom, -1) }),
    'zoom-reset': () => target.setView({ ...v, zoom: 1 }),
    'toggle-colours': () => target.setView({ ...v, scale: v.scale === 'diverging' ? 'fastai' : 'diverging' }),
  };
  if ((command === 'undo' || command === 'redo') && focusInTextField()) return undefined;
  return actions[command];
}

/** Ctrl+Z undoes; Ctrl+Y and Ctrl+Shift+Z redo (Cmd on macOS); undefined for any other key. */
export function shortcutAction(target: CommandTarget, e: KeyboardEvent): (() => void) | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const origin = e.composedPath()[0];
  if (origin instanceof HTMLInputElement || origin instanceof HTMLTextAreaElement) return undefined;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) return () => target.undo();
  if (key === 'y' || (key === 'z' && e.shiftKey)) return () => target.redo();
  return undefined;
}

/** True when the keyboard focus, looked for through shadow roots, is in a text field. */
function focusInTextField(): boolean {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}
