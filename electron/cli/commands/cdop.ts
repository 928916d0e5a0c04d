import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { cdopStatistics, statisticsForCli } from '../../../db/cdop-statistics.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { financialYearOf } from '../../../shared/cdop/dates.js';
import {
  basisStatement,
  DEFAULT_STATISTICS_BASIS,
  STATISTICS_BASES,
  type StatisticsBasis,
} from '../../../shared/cdop/statistics.js';
import { isIsoDate } from '../../../shared/dates/iso-date.js';
import { exportCdopAnnualReport } from '../../services/cdop-annual-report.js';
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

function basisOption(value: string | undefined): StatisticsBasis {
  if (value === undefined) return DEFAULT_STATISTICS_BASIS;
  if (!(STATISTICS_BASES as readonly string[]).includes(value)) {
    throw new CasebookError('invalid_payload', `--basis must be ${STATISTICS_BASES.join(' or ')}: ${value}`);
  }
  return value as StatisticsBasis;
}

interface StatsOptions {
  from?: string;
  to?: string;
  basis?: string;
  out?: string;
  suppressSmallNumbers?: boolean;
}

/** The period of `stats` and `report`: given, or the financial year (April to March) containing today, as panels report. */
function periodOptions(options: { from?: string; to?: string }): { from: string; to: string } {
  const current = financialYearOf(new Date().toISOString().slice(0, 10));
  const from = periodOption(options.from, 'from', current.from);
  const to = periodOption(options.to, 'to', current.to);
  if (from > to) throw new CasebookError('invalid_payload', `the period ends (${to}) before it starts (${from})`);
  return { from, to };
}

interface ReportOptions {
  from?: string;
  to?: string;
  basis?: string;
  out: string;
  suppressSmall?: boolean;
}

/** `casebook cdop import | stats [--out FILE.xlsx] | report --out FILE.docx`. */
export function registerCdopCommands(program: Command): void {
  const cdop = program.command('cdop').description('child death reviews (CDOP): import historical cases, statistics');

  addImportCommand(cdop, cdopImportBinding, {
    description: 'import historical cases from CSV or .xlsx: all rows or none, unless --skip-invalid',
    target: () => ({}),
  });

  cdop
    .command('stats')
    .description('figures for [--from, --to] (default: this financial year) on a basis (default: reviews completed)')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD')
    .option('--to <date>', 'last day of the period, YYYY-MM-DD')
    .option(
      '--basis <basis>',
      'completed: reviews completed in the period, as the national statistics count (default); deaths: deaths in the period',
    )
    .option('--out <file>', 'also write the statistics workbook (.xlsx), as the app exports it')
    .option('--suppress-small-numbers', 'in the workbook, withhold counts of 1 to 4')
    .action(async (options: StatsOptions, command: Command) => {
      const { vaultPath, json } = globals(command);
      const { from, to } = periodOptions(options);
      const { out } = options;
      if (out !== undefined && extname(out).toLowerCase() !== '.xlsx') {
        throw new CasebookError('invalid_payload', '--out: the statistics workbook is written as .xlsx');
      }
      // The figures alone are a read that writes nothing; writing the workbook is audited.
      const basis = basisOption(options.basis);
      const input = { from, to, basis, suppressSmallNumbers: options.suppressSmallNumbers === true };
      const figures =
        out === undefined
          ? await readVault(vaultPath, (database) => cdopStatistics(database, from, to, basis))
          : await withVault(vaultPath, async (vault) => {
              await exportCdopStatistics(vault, input, ({ content }) => writeExportFile(out, content));
              return cdopStatistics(vault.database, from, to, basis);
            });
      const share = figures.modifiableShare === null ? 'n/a' : `${(figures.modifiableShare * 100).toFixed(1)}%`;
      print(
        json,
        statisticsForCli(figures),
        [
          basisStatement(basis, from, to),
          `${figures.notified} deaths notified, ${figures.reviewed} reviews completed`,
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

  cdop
    .command('report')
    .description('the CDOP annual report for a period as a Word document: every statistic as a table with its chart')
    .requiredOption('--out <file>', 'the report to write (.docx)')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default: this financial year)')
    .option('--to <date>', 'last day of the period, YYYY-MM-DD')
    .option('--basis <basis>', 'completed: reviews completed in the period (default); deaths: deaths in the period')
    .option('--suppress-small', 'withhold counts of 1 to 4 (and a second count where a total would reveal one)')
    .action(async (options: ReportOptions, command: Command) => {
      const { vaultPath, json } = globals(command);
      const { from, to } = periodOptions(options);
      const basis = basisOption(options.basis);
      if (extname(options.out).toLowerCase() !== '.docx') {
        throw new CasebookError('invalid_payload', '--out: the annual report is written as .docx');
      }
      const suppressed = options.suppressSmall === true;
      const written = await withVault(vaultPath, (vault) =>
        exportCdopAnnualReport(vault, { from, to, basis, suppressSmallNumbers: suppressed }, ({ content }) =>
          writeExportFile(options.out, content),
        ),
      );
      print(
        json,
        { path: resolve(options.out), from, to, basis, suppressed, tables: written.tables },
        `Wrote ${resolve(options.out)}: the annual report for ${from} to ${to}, ${written.tables} tables with charts${suppressed ? ', small numbers withheld' : ''}.\n${basisStatement(basis, from, to)}`,
      );
    });
}
