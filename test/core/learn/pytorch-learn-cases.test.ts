import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExamples } from '../../../src-core/learn/example-set';
import type { LossName } from '../../../src-core/learn/losses';
import type { OptimizerSettings } from '../../../src-core/learn/optimizer';
import { createTrainer } from '../../../src-core/learn/trainer';
import { parseWorkbook } from '../../../src-core/sheet/read';
import type { Workbook } from '../../../src-core/sheet/types';
import { expectClose } from '../support/close';

// Every training run of test/fixtures/pytorch/learn-cases.json (computed by torch.optim in float64; see
// the README beside it): the loss before each step and the learned weights agree within 1e-8 relative.

interface LearnCase {
  name: string;
  workbook: unknown;
  examples: unknown;
  loss: LossName;
  optimizer: {
    name: 'sgd' | 'adam';
    lr: number;
    momentum?: number;
    nesterov?: boolean;
    weightDecay?: number;
  };
  steps: number;
  batch: number | 'all';
  losses: number[];
  final: unknown;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pytorch/learn-cases.json', import.meta.url), 'utf8'),
) as { cases: LearnCase[] };

function workbookOf(json: unknown): Workbook {
  const read = parseWorkbook(json);
  if (!read.ok) throw new Error(read.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return read.value;
}

describe('learning equals PyTorch (torch.optim, float64)', () => {
  it('covers all 14 runs of the fixture', () => {
    expect(fixture.cases.length).toBe(14);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const examples = parseExamples(c.examples);
    if (!examples.ok) throw new Error(examples.errors.map((e) => e.message).join('; '));
    const optimizer: OptimizerSettings = { ...c.optimizer };
    const made = createTrainer(workbookOf(c.workbook), examples.value.examples, {
      loss: c.loss,
      optimizer,
      batchSize: c.batch,
    });
    if (!made.ok) throw new Error(made.errors.map((e) => e.message).join('; '));
    const run = made.value.run(c.steps);
    expect(run.diverged).toBeNull();
    expectClose(run.losses, c.losses, 'per-step loss', 1e-8);

    const learned = made.value.workbook();
    const expected = workbookOf(c.final);
    expected.layers.forEach((layer, k) => {
      const got = learned.layers[k];
      if (layer.type !== 'conv2d' && layer.type !== 'dense') return;
      if (got?.type !== layer.type) throw new Error(`layer ${k} type`);
      expectClose(got.weight.data ?? [], layer.weight.data ?? [], `layers[${k}].weight`, 1e-8);
      expectClose(got.bias.data ?? [], layer.bias.data ?? [], `layers[${k}].bias`, 1e-8);
    });
  });
});
