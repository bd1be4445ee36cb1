/**
 * A new input for a workbook (imported from a CSV, an image, another workbook): the workbook is checked
 * again from the first layer with it. An input of another shape may still fit (a network of
 * convolutions takes any size; a dense layer fixes it); when it does not, the message names the first
 * rule it breaks and what would fit. The workbook passed in is never changed.
 */
import { IssueList, type Result } from '../sheet/issues';
import { resolveWorkbook, type ResolvedWorkbook } from '../sheet/shapes';
import type { Workbook } from '../sheet/types';
import { formatShape, type Tensor } from '../tensor';

/** The workbook with `input` (C x H x W) in place of its own, resolved, or why the input does not fit. */
export function withNewInput(workbook: Workbook, input: Tensor): Result<ResolvedWorkbook> {
  const [c = 0, h = 0, w = 0] = input.shape;
  const candidate: Workbook = { ...workbook, input: { shape: [c, h, w], data: input.data } };
  const result = resolveWorkbook(candidate);
  if (result.ok || input.shape.length !== 3) {
    if (input.shape.length === 3) return result;
    const issues = new IssueList();
    issues.error('input', `an input is C x H x W; got ${formatShape(input.shape)}`);
    return issues.failure();
  }
  const own = workbook.input.shape;
  const hints: string[] = [];
  if (c !== own[0]) {
    const want =
      own[0] === 3
        ? ' (an image read as rgb has 3 channels)'
        : own[0] === 1
          ? ' (an image read as gray has 1 channel)'
          : '';
    hints.push(`it has ${c} channel${c === 1 ? '' : 's'}, the workbook's input ${own[0]}${want}`);
  }
  if (h !== own[1] || w !== own[2]) hints.push(`resize it to ${own[1]} x ${own[2]}`);
  const first = result.errors[0]?.message ?? 'it does not fit';
  const issues = new IssueList();
  issues.error(
    'input',
    `this input (${formatShape(input.shape)}) does not fit the workbook, whose input is ${formatShape(own)}: ` +
      `${first}${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`,
  );
  return issues.failure();
}
