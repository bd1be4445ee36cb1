import { writeFileSync } from 'node:fs';
import { createTrainer } from '../src-core/learn/trainer';
import { readExamplesCsv } from '../src-core/learn/example-csv';
import { readExamples } from '../src-core/learn/example-set';
import { LOSS_NAMES, type LossName } from '../src-core/learn/losses';
import { OPTIMIZER_NAMES, type OptimizerSettings } from '../src-core/learn/optimizer';
import type { Issue } from '../src-core/sheet/issues';
import { writeWorkbook } from '../src-core/sheet/write';
import { choiceOption, InputError, numberOption, parseArgs, UsageError, type ParsedArgs } from './args';
import { writeMessage } from './terminal';
import { issueLine, loadWorkbook, printWarnings, readTextFile } from './workbook-file';

const FLAGS = ['examples', 'loss', 'optimizer', 'lr', 'momentum', 'steps', 'batch', 'seed', 'out'];

/**
 * `convsheet learn WORKBOOK --examples FILE --loss mse|bce|ce [--optimizer sgd|adam] [--lr 0.01]
 * [--momentum 0] [--steps 100] [--batch N|all] [--seed N] [--out FILE]` (CONTRACTS.md section 4):
 * trains the workbook's trainable layers and prints {"loss": [loss before each step], "workbook": {...}},
 * or writes the learned workbook to --out and prints {"loss": [...]}. Without --seed the batches are
 * taken in file order; the batch is the whole set unless --batch says otherwise.
 * A divergence (NaN or exploding loss) prints what was learned up to the last good step, with the
 * reason under "diverged", and exits 1 with the reason on stderr.
 */
export function learnCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  const [workbookPath, ...extra] = args.positional;
  if (workbookPath === undefined) throw new UsageError('learn needs a WORKBOOK file');
  if (extra.length > 0) throw new UsageError(`learn takes one WORKBOOK, got also "${extra.join(' ')}"`);
  const examplesPath = args.options.get('examples');
  if (examplesPath === undefined) throw new UsageError('learn needs --examples FILE');
  const loss = choiceOption<LossName>(args, 'loss', LOSS_NAMES);
  if (loss === undefined) throw new UsageError(`learn needs --loss ${LOSS_NAMES.join('|')}`);
  const optimizer = optimizerOf(args);
  const steps = numberOption(args, 'steps', 100, { integer: true, min: 0 });
  const batchSize = batchOf(args);
  const seed = args.options.has('seed') ? numberOption(args, 'seed', 1, { integer: true, min: 0 }) : null;
  const out = args.options.get('out');

  const workbook = loadWorkbook(workbookPath, 'all').workbook;
  // A CSV of "label, pixels..." rows (MNIST's CSV layout) is read in the shape of the workbook's input.
  const csv = /\.(csv|tsv|txt)$/i.test(examplesPath);
  const text = readTextFile(examplesPath);
  const examples = csv
    ? readExamplesCsv(text, examplesPath, { shape: workbook.input.shape })
    : readExamples(text);
  if (!examples.ok) {
    throw new InputError(
      csv ? (examples.errors[0]?.message ?? examplesPath) : issueLine(examplesPath, examples.errors),
    );
  }
  if (csv) for (const w of examples.warnings) writeMessage(`warning: ${w.message}`);
  else printWarnings(examplesPath, examples.warnings);

  const made = createTrainer(workbook, examples.value.examples, {
    loss,
    optimizer,
    batchSize,
    shuffleSeed: seed,
    dropoutSeed: seed ?? 1,
  });
  if (!made.ok) throw new InputError(trainerIssueLine(made.errors, workbookPath, examplesPath));
  const run = made.value.run(steps);
  const learned = writeWorkbook(made.value.workbook());
  const losses = `[${run.losses.map(String).join(', ')}]`;
  const diverged = run.diverged === null ? '' : `,\n  "diverged": ${JSON.stringify(run.diverged.message)}`;
  if (out === undefined) {
    process.stdout.write(
      `{\n  "loss": ${losses},\n  "workbook": ${indent(learned.trimEnd())}${diverged}\n}\n`,
    );
  } else {
    try {
      writeFileSync(out, learned);
    } catch {
      throw new InputError(`${out}: cannot be written`);
    }
    process.stdout.write(`{\n  "loss": ${losses}${diverged}\n}\n`);
  }
  if (run.diverged !== null) throw new InputError(`${workbookPath}: ${run.diverged.message}`);
  return Promise.resolve();
}

function optimizerOf(args: ParsedArgs): OptimizerSettings {
  const name = choiceOption(args, 'optimizer', OPTIMIZER_NAMES, 'sgd') ?? 'sgd';
  const lr = numberOption(args, 'lr', 0.01, { minExclusive: 0 });
  if (name === 'adam') {
    if (args.options.has('momentum')) throw new UsageError('--momentum applies to --optimizer sgd only');
    return { name, lr };
  }
  const momentum = numberOption(args, 'momentum', 0, { min: 0 });
  return { name, lr, momentum };
}

function batchOf(args: ParsedArgs): number | 'all' {
  const text = args.options.get('batch');
  if (text === undefined || text === 'all') return 'all';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--batch must be a whole number of at least 1 or "all", got "${text}"`);
  return n;
}

/** Issues about the examples name the example-set file; the rest the workbook. */
function trainerIssueLine(issues: readonly Issue[], workbookPath: string, examplesPath: string): string {
  const first = issues[0];
  const file = first?.path.startsWith('examples') === true ? examplesPath : workbookPath;
  return issueLine(file, issues);
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}
