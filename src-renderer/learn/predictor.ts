/**
 * The network's answer to each example with the weights of the moment, for the gallery: what the
 * loss reads (the final output, or the logits before a final softmax for ce), the example's loss and
 * the predicted class. It keeps its own copy of the network, whose parameters are refreshed from the
 * trainer's before each use, so the trainer's own buffers are never touched.
 */
import type { Example } from '../../src-core/learn/example-set';
import { forwardPass } from '../../src-core/learn/forward';
import { exampleLoss, lossEnd, lossInput, predictedClass, type LossName } from '../../src-core/learn/losses';
import { trainableParameters, workingCopy, type Parameter } from '../../src-core/learn/parameters';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { noAnswers, type Answers } from './protocol';

export class Predictor {
  private readonly resolved: ResolvedWorkbook;
  private readonly params: Parameter[];
  private buffers: Evaluation | undefined;

  /** `workbook` must be valid and hold all its values (the trainer was made from it). */
  constructor(
    workbook: Workbook,
    private readonly loss: LossName,
  ) {
    const working = workingCopy(workbook);
    const r = resolveWorkbook(working);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    this.resolved = r.value;
    this.params = trainableParameters(working, new Map());
  }

  /** Copies the values of the trainer's parameters (the same layers, in the same order). */
  setWeights(from: readonly Parameter[]): void {
    for (const p of from) {
      const own = this.params.find((q) => q.layer === p.layer && q.kind === p.kind);
      own?.values.set(p.values);
    }
  }

  answers(examples: readonly Example[]): Answers {
    if (examples.length === 0) return noAnswers();
    const end = lossEnd(this.resolved, this.loss);
    let outputs = new Float64Array(0);
    let shape: readonly number[] = [];
    let size = 0;
    const losses = new Float64Array(examples.length);
    const predicted = new Int32Array(examples.length);
    examples.forEach((example, i) => {
      this.buffers = forwardPass(this.resolved, example.input, undefined, this.buffers);
      const output = lossInput(this.buffers, end);
      if (i === 0) {
        shape = [...output.shape];
        size = output.data.length;
        outputs = new Float64Array(size * examples.length);
      }
      outputs.set(output.data, i * size);
      losses[i] = exampleLoss(output, example, this.loss).loss;
      const first = output.data[0] ?? 0;
      predicted[i] =
        this.loss === 'mse' ? -1 : this.loss === 'bce' ? (first > 0 ? 1 : 0) : predictedClass(output);
    });
    return { count: examples.length, outputShape: shape, size, outputs, losses, predicted };
  }
}
