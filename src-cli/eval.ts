import { evaluate } from '../src-core/sheet/evaluate';
import { nonFiniteLayers, nonFiniteMessages } from '../src-core/sheet/non-finite';
import { parseArgs, UsageError } from './args';
import { applyInputOption } from './input-file';
import { writePngMaps } from './png-maps';
import { writeMessage } from './terminal';
import { loadWorkbook } from './workbook-file';

/**
 * `convsheet eval WORKBOOK`: prints {"input": {"shape","data"}, "layers": [{"name","type","shape","data"}]},
 * the output of every layer in order. Numbers are written as JSON writes doubles: the shortest text
 * that reads back as the same float64. Values that overflowed (NaN, Infinity) have no JSON form: they
 * are written as null, and a warning on stderr names the layer that produced them.
 */
export function evalCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['input', 'channels', 'png']);
  const [path, ...extra] = args.positional;
  if (path === undefined) throw new UsageError('eval needs a WORKBOOK file');
  if (extra.length > 0) throw new UsageError(`eval takes one WORKBOOK, got also "${extra.join(' ')}"`);
  const resolved = applyInputOption(loadWorkbook(path, args.options.has('input') ? 'weights' : 'all'), args);
  const evaluation = evaluate(resolved);
  for (const line of nonFiniteMessages(nonFiniteLayers(resolved, evaluation))) {
    writeMessage(`warning: ${path}: ${line}; written as null in the JSON output`);
  }
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
