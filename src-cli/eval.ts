import { evaluate } from '../src-core/sheet/evaluate';
import { parseArgs, UsageError } from './args';
import { applyInputOption } from './input-file';
import { writePngMaps } from './png-maps';
import { loadWorkbook } from './workbook-file';

/**
 * `convsheet eval WORKBOOK`: prints {"input": {"shape","data"}, "layers": [{"name","type","shape","data"}]},
 * the output of every layer in order. Numbers are written as JSON writes doubles: the shortest text
 * that reads back as the same float64.
 */
export function evalCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['input', 'channels', 'png']);
  const [path, ...extra] = args.positional;
  if (path === undefined) throw new UsageError('eval needs a WORKBOOK file');
  if (extra.length > 0) throw new UsageError(`eval takes one WORKBOOK, got also "${extra.join(' ')}"`);
  const resolved = applyInputOption(loadWorkbook(path, args.options.has('input') ? 'weights' : 'all'), args);
  const evaluation = evaluate(resolved);
  const pngDir = args.options.get('png');
  if (pngDir !== undefined) writePngMaps(pngDir, resolved, evaluation);
  const result = {
    input: { shape: evaluation.input.shape, data: Array.from(evaluation.input.data) },
    layers: resolved.layers.map((r, k) => ({
      name: r.layer.name,
      type: r.type,
      shape: r.outputShape,
      data: Array.from(evaluation.outputs[k]?.data ?? []),
    })),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return Promise.resolve();
}
