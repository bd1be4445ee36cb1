/**
 * The part of papaparse that src-core uses, declared here because @types/papaparse pulls in Node's
 * types, which would let `node:fs` and `process` pass src-core's "no Node, no DOM" typecheck.
 * src-core/tsconfig.json maps `papaparse` to this file; other projects see @types/papaparse.
 * Runtime: papaparse is CommonJS, so it is imported as its default export (works in Node and Vite).
 */

interface ParseConfig {
  delimiter?: string;
  delimitersToGuess?: string[];
  skipEmptyLines?: boolean | 'greedy';
  preview?: number;
  header?: false;
  dynamicTyping?: false;
}

interface ParseError {
  type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
  code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
  message: string;
  /** Data row (0-based) the error is on; absent for file-level errors such as UndetectableDelimiter. */
  row?: number;
}

interface ParseResult {
  data: string[][];
  errors: ParseError[];
  meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean };
}

declare const Papa: {
  parse(text: string, config?: ParseConfig): ParseResult;
};

export default Papa;
