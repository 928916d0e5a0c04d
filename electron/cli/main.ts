#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { explainFailure } from '../../db/failures.js';
import { APP_VERSION } from '../../shared/version.js';
import { registerAnalysisCommands } from './commands/analysis.js';
import { registerCdopCommands } from './commands/cdop.js';
import { registerChronologyCommands } from './commands/chronology.js';
import { registerChronologyExportCommand } from './commands/chronology-export.js';
import { registerReportCommands } from './commands/report.js';
import { registerReportExportCommands } from './commands/reports.js';
import { registerReviewsCommands } from './commands/reviews.js';
import { registerServeCommand } from './commands/serve.js';
import { registerVaultCommands } from './commands/vault.js';
import { AlreadyReported } from './common.js';

/**
 * `casebook`: the same vault and services as the desktop app, for scripting and
 * batch work. Exit 0 on success; otherwise one line on stderr and a non-zero code.
 * Each feature registers its commands from `commands/<feature>.ts`.
 */

export function buildProgram(): Command {
  const program = new Command('casebook')
    .description('Casebook: encrypted case review chronologies and child death review records')
    // `-V` only: `--version N` is `report sign-off`'s option (commander would take it
    // anywhere on the line); `casebook --version` on its own is answered in main().
    .version(APP_VERSION, '-V')
    .option('--vault <path>', 'the vault file (default: Casebook/casebook.vault in your user-data folder)')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride();

  registerVaultCommands(program);
  registerReviewsCommands(program);
  registerChronologyCommands(program);
  registerChronologyExportCommand(program);
  registerCdopCommands(program);
  registerAnalysisCommands(program);
  registerReportCommands(program);
  registerReportExportCommands(program);
  registerServeCommand(program);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes were already explained by commander.
      return error.exitCode;
    }
    if (error instanceof AlreadyReported) return error.exitCode;
    const json = program.opts<{ json?: boolean }>().json || argv.includes('--json');
    const explained = explainFailure(error);
    if (explained) {
      if (json) process.stdout.write(`${JSON.stringify({ error: explained.toBody() })}\n`);
      process.stderr.write(`${explained.message}\n`);
      return 2;
    }
    process.stderr.write(`unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
