/**
 * Command-line parsing for `convsheet`: positional arguments and `--flag value` options, checked
 * against what each command accepts. Bad usage is a UsageError (exit 2); bad input files are
 * InputErrors (exit 1). Both carry one line for stderr, never a stack trace.
 */

export class UsageError extends Error {}
export class InputError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string>;
}

/** Splits argv into positionals and options; `flags` names every option the command takes. */
export function parseArgs(argv: readonly string[], flags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!flags.includes(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    options.set(name, value);
  }
  return { positional, options };
}

/** An option as a number, checked against its allowed range. */
export function numberOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  rule: { integer?: boolean; min?: number; minExclusive?: number } = {},
): number {
  const text = args.options.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  const bad =
    !Number.isFinite(value) ||
    (rule.integer === true && !Number.isInteger(value)) ||
    (rule.min !== undefined && value < rule.min) ||
    (rule.minExclusive !== undefined && value <= rule.minExclusive);
  if (bad) {
    const kind = rule.integer === true ? 'an integer' : 'a number';
    const bound =
      rule.min !== undefined
        ? ` >= ${rule.min}`
        : rule.minExclusive !== undefined
          ? ` > ${rule.minExclusive}`
          : '';
    throw new UsageError(`--${name} must be ${kind}${bound}, got "${text}"`);
  }
  return value;
}

/** An option restricted to a set of words. */
export function choiceOption<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T | undefined {
  const text = args.options.get(name);
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${text}"`);
  }
  return text as T;
}
