import { summaryOf } from '../src-core/sheet/summary';
import { parseArgs, UsageError } from './args';
import { loadWorkbook } from './workbook-file';

/**
 * `convsheet summary WORKBOOK`: each layer's output shape, parameters (weights and biases) and
 * multiply-accumulates as torchinfo counts them. Shape-only workbooks are accepted.
 */
export function summaryCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, []);
  const [path, ...extra] = args.positional;
  if (path === undefined) throw new UsageError('summary needs a WORKBOOK file');
  if (extra.length > 0) throw new UsageError(`summary takes one WORKBOOK, got also "${extra.join(' ')}"`);
  process.stdout.write(`${JSON.stringify(summaryOf(loadWorkbook(path, 'none')))}\n`);
  return Promise.resolve();
}
