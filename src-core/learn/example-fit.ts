/**
 * Whether an example set suits a workbook and a loss: every input has the workbook's input shape, and
 * each example has what the loss needs (CONTRACTS.md sections 1 and 3):
 *   mse: a target shaped like the final output;
 *   bce: a single final output, and a label 0 or 1;
 *   ce:  a label below the number of final outputs (the logits).
 * Issues name the example and the place (`examples[3].input.shape`), as a file's own errors do.
 */
import { formatShape, sameShape, sizeOf } from '../tensor';
import { plural, type Issue } from '../sheet/issues';
import type { ResolvedWorkbook } from '../sheet/shapes';
import type { Example } from './example-set';
import { lossEnd, type LossName } from './losses';

/** Examples reported one by one; the rest are counted in one more issue. */
const MAX_EXAMPLE_ISSUES = 10;

export function checkExamplesFit(
  examples: readonly Example[],
  resolved: ResolvedWorkbook,
  loss: LossName,
): Issue[] {
  if (examples.length === 0)
    return [{ path: 'examples', message: 'the example set has no examples to learn from' }];
  const whole = checkLossSuitsNetwork(resolved, loss);
  if (whole !== null) return [whole];
  const issues: Issue[] = [];
  let more = 0;
  examples.forEach((e, i) => {
    const issue = checkExample(e, i, resolved, loss);
    if (issue === null) return;
    if (issues.length < MAX_EXAMPLE_ISSUES) issues.push(issue);
    else more++;
  });
  if (more > 0)
    issues.push({ path: 'examples', message: `${plural(more, 'more example')} do not fit either` });
  return issues;
}

/** The final layer's description, for messages: `the final output (fc1) is 2 x 1 x 1`. */
function finalOutput(resolved: ResolvedWorkbook, end: number): string {
  const r = resolved.layers[end - 1];
  const shape = r === undefined ? resolved.inputShape : r.outputShape;
  const what = r === undefined ? 'the input' : `the output of ${r.label}`;
  return `${what} is ${formatShape(shape)}`;
}

/** Rules of the loss against the network alone. */
function checkLossSuitsNetwork(resolved: ResolvedWorkbook, loss: LossName): Issue | null {
  const end = lossEnd(resolved, loss);
  const outputs = sizeOf(resolved.layers[end - 1]?.outputShape ?? resolved.inputShape);
  if (loss === 'bce' && outputs !== 1) {
    return {
      path: 'layers',
      message:
        `bce needs a single output value per example, but ${finalOutput(resolved, end)}; ` +
        'use ce for several classes, or end the network with a dense layer of 1 output',
    };
  }
  if (loss === 'ce' && outputs < 2) {
    return {
      path: 'layers',
      message: `ce needs one output per class (at least 2), but ${finalOutput(resolved, end)}; use bce for one output`,
    };
  }
  return null;
}

function checkExample(e: Example, i: number, resolved: ResolvedWorkbook, loss: LossName): Issue | null {
  const at = `examples[${i}]`;
  if (!sameShape(e.input.shape, resolved.inputShape)) {
    return {
      path: `${at}.input.shape`,
      message: `${at}.input.shape is ${formatShape(e.input.shape)} but the workbook's input is ${formatShape(resolved.inputShape)}`,
    };
  }
  const end = lossEnd(resolved, loss);
  switch (loss) {
    case 'mse': {
      if (e.target === null) {
        return {
          path: at,
          message: `${at}: mse needs a "target" shaped like the final output; this example has none`,
        };
      }
      if (!sameShape(e.target.shape, resolved.outputShape)) {
        return {
          path: `${at}.target.shape`,
          message: `${at}.target.shape is ${formatShape(e.target.shape)} but ${finalOutput(resolved, end)}`,
        };
      }
      return null;
    }
    case 'bce':
      if (e.label === null)
        return { path: at, message: `${at}: bce needs a "label" 0 or 1; this example has none` };
      if (e.label > 1)
        return {
          path: `${at}.label`,
          message: `${at}.label must be 0 or 1 for bce; got ${e.label} (use ce for more classes)`,
        };
      return null;
    case 'ce': {
      if (e.label === null)
        return { path: at, message: `${at}: ce needs a class "label"; this example has none` };
      const classes = sizeOf(resolved.layers[end - 1]?.outputShape ?? resolved.inputShape);
      if (e.label >= classes) {
        return {
          path: `${at}.label`,
          message: `${at}.label is ${e.label}, but ${finalOutput(resolved, end)}: labels go from 0 to ${classes - 1}`,
        };
      }
      return null;
    }
  }
}
