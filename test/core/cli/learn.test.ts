import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectClose } from '../support/close';
import { runCli } from '../support/cli';

// `convsheet learn` (CONTRACTS section 4) against PyTorch's training runs, and its exit codes.

const dir = mkdtempSync(join(tmpdir(), 'convsheet-learn-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Flat {
  shape: number[];
  data: number[];
}
interface FileLayer {
  type: string;
  weight?: Flat;
  bias?: number[];
}
interface LearnCase {
  name: string;
  workbook: { layers: FileLayer[] };
  examples: unknown;
  loss: string;
  optimizer: { name: string; lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number };
  steps: number;
  batch: number | 'all';
  losses: number[];
  final: { layers: FileLayer[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pytorch/learn-cases.json', import.meta.url), 'utf8'),
) as { cases: LearnCase[] };

/** The command line of a fixture run (the CLI has no flags for Nesterov or weight decay). */
function argsOf(c: LearnCase, wb: string, ex: string): string[] {
  const o = c.optimizer;
  return [
    'learn',
    wb,
    '--examples',
    ex,
    '--loss',
    c.loss,
    '--optimizer',
    o.name,
    '--lr',
    String(o.lr),
    ...(o.momentum === undefined ? [] : ['--momentum', String(o.momentum)]),
    '--steps',
    String(c.steps),
    '--batch',
    String(c.batch),
  ];
}

const plain = fixture.cases.filter(
  (c) => c.optimizer.nesterov === undefined && c.optimizer.weightDecay === undefined,
);

describe('convsheet learn equals PyTorch', () => {
  it('runs the fixture cases the command line can express', () => {
    expect(plain.length).toBe(12);
  });

  it.each(plain.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const run = runCli(
      ...argsOf(c, file(`${name}.convsheet.json`, c.workbook), file(`${name}.examples.json`, c.examples)),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      loss: number[];
      workbook: { format: string; layers: FileLayer[] };
    };
    expect(out.workbook.format).toBe('convsheet');
    expectClose(out.loss, c.losses, 'loss', 1e-8);
    c.final.layers.forEach((layer, k) => {
      if (layer.weight === undefined) return;
      expectClose(out.workbook.layers[k]?.weight?.data ?? [], layer.weight.data, `layers[${k}].weight`, 1e-8);
      expectClose(out.workbook.layers[k]?.bias ?? [], layer.bias ?? [], `layers[${k}].bias`, 1e-8);
    });
  });
});

/** w on a 1 x 1 x 1 input of 1, target 0: loss w^2, SGD multiplies w by (1 - 2 lr). */
const oneWeight = file('one.convsheet.json', {
  format: 'convsheet',
  version: 1,
  input: { shape: [1, 1, 1], data: [1] },
  layers: [{ type: 'conv2d', name: 'w', weight: { shape: [1, 1, 1, 1], data: [1] } }],
});
const toZero = file('zero.examples.json', {
  format: 'convsheet-examples',
  version: 1,
  examples: [{ input: { shape: [1, 1, 1], data: [1] }, target: { shape: [1, 1, 1], data: [0] } }],
});

describe('convsheet learn', () => {
  it('defaults: sgd, lr 0.01, 100 steps, the whole set per step', () => {
    // w = 0.98^k: loss of step k is 0.98^(2k)
    const run = runCli('learn', oneWeight, '--examples', toZero, '--loss', 'mse');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { loss: number[]; workbook: { layers: FileLayer[] } };
    expect(out.loss).toHaveLength(100);
    expect(out.loss[2]).toBeCloseTo(0.98 ** 4, 15);
    expect(out.workbook.layers[0]?.weight?.data[0]).toBeCloseTo(0.98 ** 100, 14);
    expect(out.workbook.layers[0]?.bias).toBeUndefined();
  });

  it('rediscovers the Sobel filter from the files in test/fixtures/examples', () => {
    const fixtures = (name: string) => new URL(`../../fixtures/examples/${name}`, import.meta.url).pathname;
    const run = runCli(
      'learn',
      fixtures('sobel-start.convsheet.json'),
      '--examples',
      fixtures('sobel-x-16.examples.json'),
      '--loss',
      'mse',
      '--lr',
      '0.1',
      '--momentum',
      '0.9',
      '--steps',
      '300',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { loss: number[]; workbook: { layers: FileLayer[] } };
    const sobel = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
    const found = out.workbook.layers[0]?.weight?.data ?? [];
    found.forEach((w, i) => expect(Math.abs(w - (sobel[i] ?? NaN))).toBeLessThan(1e-3));
    expect(Math.abs(out.workbook.layers[0]?.bias?.[0] ?? NaN)).toBeLessThan(1e-3);
  });

  it('reads a CSV of "label, pixels" rows as examples, in the shape of the workbook input', () => {
    // Two 1 x 1 x 2 images, 0..255 divided by 255: [1, 0] is class 1 and [0, 1] class 0. A bias-free
    // dense layer starting at w = [0, 0] gives logit 0: bce = ln 2. Full-batch SGD with lr 1: dL/dw is
    // the mean of (sigmoid(0) - label) x = ((0.5 - 1) [1, 0] + (0.5 - 0) [0, 1]) / 2 = [-0.25, 0.25].
    const wb = file('two.convsheet.json', {
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 1, 2], data: [0, 0] },
      layers: [{ type: 'dense', name: 'score', weight: { shape: [1, 2], data: [0, 0] } }],
    });
    const csv = file('two.csv', 'label,a,b\n1,255,0\n0,0,255\n');
    const run = runCli('learn', wb, '--examples', csv, '--loss', 'bce', '--lr', '1', '--steps', '1');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `convsheet: warning: ${csv}: the values are whole numbers from 0 to 255, read as pixels and divided by 255\n`,
    );
    const out = JSON.parse(run.stdout) as { loss: number[]; workbook: { layers: FileLayer[] } };
    expect(out.loss[0]).toBeCloseTo(Math.LN2, 15);
    expect(out.workbook.layers[0]?.weight?.data).toEqual([0.25, -0.25]);
    const bad = runCli('learn', wb, '--examples', file('bad.csv', '1,0,0\n0,0\n'), '--loss', 'bce');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv: line 2 has 2 cells, but line 1 has 3 (a label and 2 values)');
  });

  it('--out writes the learned workbook and prints only the losses', () => {
    const out = join(dir, 'learned.convsheet.json');
    const run = runCli(
      'learn',
      oneWeight,
      '--examples',
      toZero,
      '--loss',
      'mse',
      '--lr',
      '0.25',
      '--steps',
      '2',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ loss: [1, 0.25] });
    const learned = JSON.parse(readFileSync(out, 'utf8')) as { layers: FileLayer[] };
    expect(learned.layers[0]?.weight?.data).toEqual([0.25]);
  });

  it('--seed shuffles the batches each epoch, repeatably; without it the file order is kept', () => {
    const ex = file('five.examples.json', {
      format: 'convsheet-examples',
      version: 1,
      examples: [1, 2, 3, 4, 5].map((x) => ({
        input: { shape: [1, 1, 1], data: [x] },
        target: { shape: [1, 1, 1], data: [0] },
      })),
    });
    const losses = (...extra: string[]) =>
      (
        JSON.parse(
          runCli(
            'learn',
            oneWeight,
            '--examples',
            ex,
            '--loss',
            'mse',
            '--batch',
            '2',
            '--steps',
            '6',
            ...extra,
          ).stdout,
        ) as { loss: number[] }
      ).loss;
    // file order: the first batch is examples 1 and 2 with w = 1: (1 + 4) / 2
    expect(losses()[0]).toBe(2.5);
    expect(losses('--seed', '3')).toEqual(losses('--seed', '3'));
    expect(losses('--seed', '3')).not.toEqual(losses());
  });

  it('divergence: prints the last good state with the reason and exits 1', () => {
    // lr 10: losses 1, 361, then 130321 > 1000 x the first
    const run = runCli(
      'learn',
      oneWeight,
      '--examples',
      toZero,
      '--loss',
      'mse',
      '--lr',
      '10',
      '--steps',
      '5',
    );
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      loss: number[];
      diverged: string;
      workbook: { layers: FileLayer[] };
    };
    expect(out.loss).toEqual([1, 361]);
    expect(out.workbook.layers[0]?.weight?.data).toEqual([-19]);
    expect(out.diverged).toContain('try a smaller learning rate, such as 1 (now 10)');
    expect(run.stderr).toBe(`convsheet: ${oneWeight}: ${out.diverged}\n`);
  });
});

describe('convsheet learn refuses bad input (exit 1) with one line naming the file and the place', () => {
  it('a bad value in the example set', () => {
    const data = Array.from({ length: 18 }, (_, k) => (k === 17 ? 'x' : 0));
    const ex = file('bad.examples.json', {
      format: 'convsheet-examples',
      version: 1,
      examples: [0, 1, 2, 3].map((n) => ({
        input: { shape: [2, 3, 3], data: n === 3 ? data : Array(18).fill(0) },
        label: 0,
      })),
    });
    const run = runCli('learn', oneWeight, '--examples', ex, '--loss', 'bce');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `convsheet: ${ex}: examples[3].input.data[17] must be a finite number; got "x"\n`,
    );
  });

  it('examples that do not fit the workbook', () => {
    const ex = file('wide.examples.json', {
      format: 'convsheet-examples',
      version: 1,
      examples: [{ input: { shape: [1, 1, 2], data: [0, 1] }, label: 0 }],
    });
    const run = runCli('learn', oneWeight, '--examples', ex, '--loss', 'bce');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `convsheet: ${ex}: examples[0].input.shape is 1 x 1 x 2 but the workbook's input is 1 x 1 x 1\n`,
    );
  });

  it('a loss the network cannot give', () => {
    const run = runCli('learn', oneWeight, '--examples', toZero, '--loss', 'ce');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`convsheet: ${oneWeight}: ce needs one output per class (at least 2)`);
  });

  it('a shape-only workbook', () => {
    const shapes = file('shapes.convsheet.json', {
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 1, 1] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 1] } }],
    });
    const run = runCli('learn', shapes, '--examples', toZero, '--loss', 'mse');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `convsheet: ${shapes}: input.data: input: no data (this workbook describes shapes only); eval and learn need every value (and 1 more problem)\n`,
    );
  });

  it('a missing example file', () => {
    const run = runCli('learn', oneWeight, '--examples', join(dir, 'none.json'), '--loss', 'mse');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`convsheet: ${join(dir, 'none.json')}: no such file\n`);
  });
});

describe('convsheet learn: bad usage exits 2', () => {
  it.each([
    [['--examples', toZero], 'learn needs --loss mse|bce|ce'],
    [['--loss', 'mse'], 'learn needs --examples FILE'],
    [['--examples', toZero, '--loss', 'mae'], '--loss must be one of mse, bce, ce, got "mae"'],
    [
      ['--examples', toZero, '--loss', 'mse', '--batch', '0'],
      '--batch must be a whole number of at least 1 or "all", got "0"',
    ],
    [['--examples', toZero, '--loss', 'mse', '--lr', '-1'], '--lr must be a number > 0, got "-1"'],
    [['--examples', toZero, '--loss', 'mse', '--steps', '2.5'], '--steps must be an integer >= 0, got "2.5"'],
    [
      ['--examples', toZero, '--loss', 'mse', '--optimizer', 'adam', '--momentum', '0.9'],
      '--momentum applies to --optimizer sgd only',
    ],
    [['--examples', toZero, '--loss', 'mse', '--epochs', '3'], 'unknown option --epochs'],
  ])('%j', (extra, message) => {
    const run = runCli('learn', oneWeight, ...extra);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`convsheet: ${message} (see convsheet --help)\n`);
  });
});
