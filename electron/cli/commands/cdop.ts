import { extname } from 'node:path';
import type { Command } from 'commander';
import { cdopStatistics, statisticsForCli } from '../../../db/cdop-statistics.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { financialYearOf } from '../../../shared/cdop/dates.js';
import { isIsoDate } from '../../../shared/dates/iso-date.js';
import { exportCdopStatistics } from '../../services/cdop-statistics-export.js';
import { cdopImportBinding } from '../../services/import/cdop.js';
import { globals, print, readVault, withVault, writeExportFile } from '../common.js';
import { addImportCommand } from '../import.js';

function periodOption(value: string | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isIsoDate(value))
    throw new CasebookError('invalid_payload', `--${name} must be a real date as YYYY-MM-DD: ${value}`);
  return value;
}

interface StatsOptions {
  from?: string;
  to?: string;
  out?: string;
  suppressSmallNumbers?: boolean;
}

/** `casebook cdop import | stats [--out FILE.xlsx]`. */
export function registerCdopCommands(program: Command): void {
  const cdop = program.command('cdop').description('child death reviews (CDOP): import historical cases, statistics');

  addImportCommand(cdop, cdopImportBinding, {
    description: 'import historical cases from CSV or .xlsx: all rows or none, unless --skip-invalid',
    target: () => ({}),
  });

  cdop
    .command('stats')
    .description('figures for deaths with a date of death in [--from, --to] (default: this financial year)')
    .option('--from <date>', 'first date of death counted, YYYY-MM-DD')
    .option('--to <date>', 'last date of death counted, YYYY-MM-DD')
    .option('--out <file>', 'also write the statistics workbook (.xlsx), as the app exports it')
    .option('--suppress-small-numbers', 'in the workbook, withhold counts of 1 to 4')
    .action(async (options: StatsOptions, command: Command) => {
      const { vaultPath, json } = globals(command);
      // The default period is the financial year (April to March) containing today, as panels report.
      const current = financialYearOf(new Date().toISOString().slice(0, 10));
      const from = periodOption(options.from, 'from', current.from);
      const to = periodOption(options.to, 'to', current.to);
      if (from > to) throw new CasebookError('invalid_payload', `the period ends (${to}) before it starts (${from})`);
      const { out } = options;
      if (out !== undefined && extname(out).toLowerCase() !== '.xlsx') {
        throw new CasebookError('invalid_payload', '--out: the statistics workbook is written as .xlsx');
      }
      // The figures alone are a read that writes nothing; writing the workbook is audited.
      const input = { from, to, suppressSmallNumbers: options.suppressSmallNumbers === true };
      const figures =
        out === undefined
          ? await readVault(vaultPath, (database) => cdopStatistics(database, from, to))
          : await withVault(vaultPath, async (vault) => {
              await exportCdopStatistics(vault, input, ({ content }) => writeExportFile(out, content));
              return cdopStatistics(vault.database, from, to);
            });
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
