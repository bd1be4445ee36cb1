import { InputError, UsageError } from './args';
import { commands, usage } from './commands';
import { writeMessage } from './terminal';

// The convsheet command: JSON for programs on stdout, one-line messages on stderr.
// Exit 0 on success, 1 on bad input, 2 on bad usage.

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) throw new UsageError(`unknown command "${name}"`);
  await command(rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      writeMessage(`${error.message} (see convsheet --help)`);
      process.exitCode = 2;
    } else if (error instanceof InputError) {
      writeMessage(error.message);
      process.exitCode = 1;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeMessage(`internal error: ${message}`);
      process.exitCode = 70;
    }
  },
);
