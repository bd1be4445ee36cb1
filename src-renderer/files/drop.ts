/**
 * What a file dropped on the page does, from where it landed: onto the input or a parameter grid it is
 * imported there (through the preview); onto a computed map it is refused, since those numbers come
 * from the layers before; elsewhere a workbook opens and anything else becomes the input. The desktop
 * shell opens a workbook dropped elsewhere in its own window, so that drop is left to it.
 */
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { gridsOf, sheetBlocks } from '../sheet-model';
import { targetsOf, type ImportTarget } from './import-target';

export type DropAction =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'refuse'; readonly message: string }
  | { readonly kind: 'open' }
  | { readonly kind: 'import'; readonly targets: readonly ImportTarget[] };

/** `path` is the drop event's composed path (the grid element, inside the sheet's shadow root, is on it). */
export function dropAction(
  path: readonly EventTarget[],
  fileName: string,
  resolved: ResolvedWorkbook,
  desktop: boolean,
): DropAction {
  const gridElement = path.find((t): t is Element => t instanceof Element && t.tagName === 'CS-GRID');
  const label = gridElement?.getAttribute('label') ?? null;
  const grid =
    label === null
      ? undefined
      : sheetBlocks(resolved)
          .flatMap(gridsOf)
          .find((g) => g.label === label);
  if (grid === undefined) {
    const isWorkbook = /\.json$/i.test(fileName) && !/\.examples\.json$/i.test(fileName);
    if (!isWorkbook) return { kind: 'import', targets: [{ kind: 'input' }] };
    return desktop ? { kind: 'ignore' } : { kind: 'open' };
  }
  const targets = targetsOf(resolved, grid);
  if (targets.length === 0)
    return {
      kind: 'refuse',
      message: `${grid.label} is computed from the layers before it: drop a file onto the input or onto a filter.`,
    };
  return { kind: 'import', targets };
}

/** Asks for one file with a file input; null when the picker is cancelled. */
export function pickWith(input: HTMLInputElement, accept: string): Promise<File | null> {
  input.accept = accept;
  input.value = '';
  return new Promise((resolve) => {
    const done = (file: File | null) => {
      input.removeEventListener('change', onChange);
      input.removeEventListener('cancel', onCancel);
      resolve(file);
    };
    const onChange = () => done(input.files?.[0] ?? null);
    const onCancel = () => done(null);
    input.addEventListener('change', onChange);
    input.addEventListener('cancel', onCancel);
    input.click();
  });
}

export function storageOf(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage switched off (a privacy setting): nothing is kept between visits.
    return null;
  }
}
