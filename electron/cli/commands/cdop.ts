import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { cdopStatistics, statisticsForCli } from '../../../db/cdop-statistics.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { financialYearOf } from '../../../shared/cdop/dates.js';
import { isIsoDate } from '../../../shared/dates/iso-date.js';
import { describeProblem } from '../../../shared/import/problems.js';
import {
  CDOP_KNOWN_HEADERS,
  commitCdopImport,
  existingReferences,
  previewCdopImport,
} from '../../services/cdop-import.js';
import { readTable } from '../../services/import/read-table.js';
import { AlreadyReported, globals, print, readVault, withVault } from '../common.js';

function periodOption(value: string | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isIsoDate(value))
    throw new CasebookError('invalid_payload', `--${name} must be a real date as YYYY-MM-DD: ${value}`);
  return value;
}

/** `casebook cdop import | stats`. */
export function registerCdopCommands(program: Command): void {
  const cdop = program.command('cdop').description('child death reviews (CDOP): import historical cases, statistics');

  cdop
    .command('import')
    .description('import historical cases from CSV or .xlsx: all rows or none, unless --skip-invalid')
    .argument('<file>', 'the spreadsheet (.csv or .xlsx)')
    .option('--skip-invalid', 'import the valid rows and leave out the rejected ones')
    .action(async (file: string, options: { skipInvalid?: boolean }, command: Command) => {
      const { vaultPath, json } = globals(command);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new CasebookError('not_found', `cannot read ${file}`);
      }
      const table = await readTable({ fileName: basename(file), bytes }, { knownHeaders: CDOP_KNOWN_HEADERS });
      const outcome = await withVault(vaultPath, (vault) => {
        const preview = previewCdopImport(table, existingReferences(vault.database));
        // The same rule as the import screen: all or nothing unless the reviewer chose to skip rejected rows.
        const committed = commitCdopImport(vault, preview, options.skipInvalid ? 'skip-invalid' : 'all-or-nothing');
        return { ...committed, problems: preview.problems };
      });
      const result = { imported: outcome.imported, rejected: outcome.rejected };
      const lines = outcome.problems.map(describeProblem);
      print(json, result, [`Imported ${outcome.imported} case(s).`, ...lines].join('\n'));
      if (outcome.rejected.length > 0 && !options.skipInvalid) {
        process.stderr.write(
          `${outcome.rejected.length} row problem(s): nothing imported (fix the rows, or use --skip-invalid)\n`,
        );
        throw new AlreadyReported();
      }
    });

  cdop
    .command('stats')
    .description('figures for deaths with a date of death in [--from, --to] (default: this financial year)')
    .option('--from <date>', 'first date of death counted, YYYY-MM-DD')
    .option('--to <date>', 'last date of death counted, YYYY-MM-DD')
    .action(async (options: { from?: string; to?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      // The default period is the financial year (April to March) containing today, as panels report.
      const current = financialYearOf(new Date().toISOString().slice(0, 10));
      const from = periodOption(options.from, 'from', current.from);
      const to = periodOption(options.to, 'to', current.to);
      if (from > to) throw new CasebookError('invalid_payload', `the period ends (${to}) before it starts (${from})`);
      const figures = await readVault(vaultPath, (database) => cdopStatistics(database, from, to));
      const share = figures.modifiableShare === null ? 'n/a' : `${(figures.modifiableShare * 100).toFixed(1)}%`;
      print(
        json,
        statisticsForCli(figures),
        [
          `Deaths ${from} to ${to}: ${figures.notified} notified, ${figures.reviewed} reviewed`,
          `Median days from death to review completion: ${figures.medianDaysToReview ?? 'n/a'}`,
          `Modifiable factors identified: ${figures.modifiable.identified} of ${figures.reviewed} reviewed (${share})`,
          `By category (reviewed): ${Object.entries(figures.byCategory)
            .map(([category, n]) => `${category}: ${n}`)
            .join(', ')}`,
          `By age band: ${Object.entries(figures.byAgeBand)
            .map(([band, n]) => `${band}: ${n}`)
            .join(', ')}`,
          `Expected ${figures.expected}, unexpected ${figures.unexpected}`,
        ].join('\n'),
      );
    });
}
