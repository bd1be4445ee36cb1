/**
 * Where an import goes, and the one undoable change that puts it there: the input (whose shape may
 * change, if the network still works with the new one) or a window of a parameter tensor (a filter
 * slice, a whole filter with its channel slices stacked, a dense layer's weights, a bias), whose shape
 * is fixed.
 */
import { withNewInput } from '../../src-core/io/input-fit';
import { setValues, type EditResult, type ValuesTarget } from '../../src-core/sheet/edit';
import type { ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { formatShape, type Tensor } from '../../src-core/tensor';
import type { GridSpec } from '../sheet-model';
import type { ImportWant } from './import-options';

/**
 * A rows x cols window of a parameter tensor starting at `offset`. `channels` > 1 when it is a whole
 * filter: its input-channel slices stacked top to bottom, which in the OUT x IN x KH x KW layout is one
 * contiguous run of values, so a CSV of IN*KH rows or an IN-channel image both fill it in order.
 */
export interface WindowTarget {
  readonly kind: 'window';
  readonly target: ValuesTarget;
  readonly label: string;
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
  readonly channels: number;
}

export type ImportTarget = { readonly kind: 'input' } | WindowTarget;

export type ImportPlan =
  | {
      readonly ok: true;
      /** The checked change, ready for the session's undoable history. */
      readonly change: EditResult;
      /** True when shapes may change (a new input size): marks and selections are worked out again. */
      readonly structural: boolean;
      /** What the change does to the network, for the preview. */
      readonly summary: string;
    }
  | { readonly ok: false; readonly message: string };

/** The targets a sheet grid offers: itself, and for one slice of a multi-channel filter the whole filter. */
export function targetsOf(resolved: ResolvedWorkbook, grid: GridSpec): ImportTarget[] {
  if (grid.source.kind === 'map') return grid.source.layer === -1 ? [{ kind: 'input' }] : [];
  const target = grid.source.target;
  const own: WindowTarget = {
    kind: 'window',
    target,
    label: grid.label,
    offset: grid.offset,
    rows: grid.rows,
    cols: grid.cols,
    channels: 1,
  };
  const layer = resolved.layers[target.layer];
  if (target.kind !== 'weight' || layer?.type !== 'conv2d') return [own];
  const [, cin, kh, kw] = layer.layer.weight.shape;
  if (cin === 1) return [own];
  const filter = Math.floor(grid.offset / (cin * kh * kw));
  const whole: WindowTarget = {
    kind: 'window',
    target,
    label: `${layer.layer.name} filter ${filter + 1} (all ${cin} channels)`,
    offset: filter * cin * kh * kw,
    rows: cin * kh,
    cols: kw,
    channels: cin,
  };
  return [own, whole];
}

export function targetLabel(target: ImportTarget): string {
  return target.kind === 'input' ? 'the input' : target.label;
}

/** The grid shape a target wants, for an image's default size and channels. */
export function wantOf(resolved: ResolvedWorkbook, target: ImportTarget): ImportWant {
  if (target.kind === 'input') {
    const [channels, height, width] = resolved.inputShape;
    const data = resolved.workbook.input.data ?? [];
    let sum = 0;
    for (const v of data) sum += v;
    return { channels, height, width, dark: data.length > 0 && sum < data.length / 2 };
  }
  return {
    channels: target.channels,
    height: target.rows / target.channels,
    width: target.cols,
    dark: false,
  };
}

/** The change that puts `grid` (C x H x W) into `target`, or why it does not fit. */
export function planImport(
  resolved: ResolvedWorkbook,
  target: ImportTarget,
  grid: Tensor,
  fileName: string,
): ImportPlan {
  const shape = formatShape(grid.shape);
  if (target.kind === 'input') {
    const r = withNewInput(resolved.workbook, grid);
    if (!r.ok) return { ok: false, message: r.errors.map((e) => e.message).join('; ') };
    const change: EditResult = {
      ok: true,
      value: {
        workbook: r.value.workbook,
        resolved: r.value,
        from: 0,
        label: `import ${fileName} as the input (${shape})`,
      },
      warnings: r.warnings,
    };
    const same = shape === formatShape(resolved.inputShape);
    return { ok: true, change, structural: !same, summary: inputSummary(resolved, r.value) };
  }
  const [c = 0, h = 0, w = 0] = grid.shape;
  const fits =
    w === target.cols && ((c === 1 && h === target.rows) || (c === target.channels && c * h === target.rows));
  if (!fits) {
    const want =
      target.channels === 1
        ? `${target.rows} x ${target.cols}`
        : `${target.rows} x ${target.cols} (its ${target.channels} slices stacked) or ${target.channels} x ${target.rows / target.channels} x ${target.cols}`;
    return { ok: false, message: `${target.label} is ${want}; this grid is ${shape}` };
  }
  const changes = Array.from(grid.data, (value, i) => ({ index: target.offset + i, value }));
  const change = setValues(
    resolved.workbook,
    target.target,
    changes,
    `import ${fileName} into ${target.label}`,
  );
  if (!change.ok) return { ok: false, message: change.errors.map((e) => e.message).join('; ') };
  return {
    ok: true,
    change,
    structural: false,
    summary: `Fits ${target.label}: every map after it recomputes.`,
  };
}

/** "Fits: ..." saying which shapes change with the new input. */
function inputSummary(before: ResolvedWorkbook, after: ResolvedWorkbook): string {
  const was = formatShape(before.inputShape);
  const now = formatShape(after.inputShape);
  if (was === now) return `Fits: the same shape as the input it replaces (${now}).`;
  const changed = after.layers.filter(
    (l, k) => formatShape(l.outputShape) !== formatShape(before.layers[k]?.outputShape ?? []),
  );
  const first = changed[0];
  const detail =
    first === undefined
      ? ''
      : ` ${first.layer.name}'s output becomes ${formatShape(first.outputShape)} (was ${formatShape(before.layers[first.index]?.outputShape ?? [])})${changed.length > 1 ? `, and ${changed.length === 2 ? '1 more layer changes' : `${changed.length - 1} more layers change`} size` : ''}.`;
  return `Fits: the input becomes ${now} (was ${was}).${detail}`;
}
