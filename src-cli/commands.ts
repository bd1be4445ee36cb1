import { evalCommand } from './eval';
import { exportCommand } from './export';
import { learnCommand } from './learn';
import { summaryCommand } from './summary';

/** The commands of `convsheet`, each taking its own arguments (after the command name). */
export const commands: Record<string, (args: string[]) => Promise<void>> = {
  eval: evalCommand,
  export: exportCommand,
  learn: learnCommand,
  summary: summaryCommand,
};

export const usage = `Usage: convsheet <command> [options]

Commands:
  eval WORKBOOK [--input FILE] [--channels gray|rgb] [--png DIR]
      print the output of every layer as JSON
  learn WORKBOOK --examples FILE --loss mse|bce|ce [--optimizer sgd|adam] [--lr 0.01]
      [--momentum 0] [--steps 100] [--batch N|all] [--seed 1] [--out FILE]
      train the trainable layers; print the per-step loss and the learned workbook
  summary WORKBOOK
      print each layer's output shape, parameters and multiply-accumulates
  export WORKBOOK --xlsx FILE
      write the workbook as a spreadsheet with live formulas

Exit status: 0 success, 1 bad input (a message names the file and the place), 2 bad usage.
`;
