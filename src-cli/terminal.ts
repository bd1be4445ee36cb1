/**
 * Messages name layers, classes and files as the files spell them, and a file may spell them with line
 * breaks or terminal escape sequences (ESC [ 2 J clears the screen). Everything written to stderr goes
 * through here so that a message stays one line of plain text whatever a file holds.
 */

/** Line breaks, C0 and C1 controls, and the marks that reorder text on screen (bidi overrides). */
// eslint-disable-next-line no-control-regex -- control characters are what is being escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as an escape, `\n` or `\u001b`, as JSON writes them. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const json = JSON.stringify(c).slice(1, -1);
    return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Writes `convsheet: MESSAGE` as one line on stderr. */
export function writeMessage(message: string): void {
  process.stderr.write(`convsheet: ${terminalText(message)}\n`);
}
