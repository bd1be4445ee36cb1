/**
 * Shape-only workbooks: a file may leave out the values of its input and weights to describe shapes
 * only (a VGG-16 has 138 million weights). `summary` accepts such a workbook; `eval` and `learn` need
 * every value and refuse it with these issues.
 */
import type { Issue } from './issues';
import { labelOf } from './rules';
import type { TensorOrShape, Workbook } from './types';

/** True when the tensor has its values; narrows it to a Tensor for the operations. */
export function hasData<S extends readonly number[]>(
  t: TensorOrShape<S>,
): t is TensorOrShape<S> & { readonly data: Float64Array } {
  return t.data !== null;
}

/** Every tensor whose values the workbook leaves out, one issue each, input first. */
export function missingData(workbook: Workbook): Issue[] {
  const issues: Issue[] = [];
  const need = 'eval and learn need every value';
  if (!hasData(workbook.input)) {
    issues.push({
      path: 'input.data',
      message: `input: no data (this workbook describes shapes only); ${need}`,
    });
  }
  workbook.layers.forEach((layer, index) => {
    if (layer.type !== 'conv2d' && layer.type !== 'dense') return;
    const label = labelOf(layer, index);
    const weight: TensorOrShape = layer.weight;
    if (!hasData(weight)) {
      issues.push({
        path: `layers[${index}].weight.data`,
        message: `${label}: weight has no data (shape only); ${need}`,
      });
    }
    if (layer.hasBias && !hasData(layer.bias)) {
      issues.push({
        path: `layers[${index}].bias`,
        message: `${label}: bias has no data (shape only); ${need}`,
      });
    }
  });
  return issues;
}

/** True when every value is present, so the workbook can be evaluated and learned. */
export function hasAllData(workbook: Workbook): boolean {
  return missingData(workbook).length === 0;
}
