import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { listEntries } from '../../../db/chronology.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { describeProblem } from '../../../shared/import/problems.js';
import { ChronologyImports } from '../../services/chronology-import.js';
import { AlreadyReported, globals, print, readVault, withVault } from '../common.js';

/**
 * `casebook chronology import | list`: the same import service and queries as the app.
 *
 * import: prints `{"imported": n, "rejected": [{"row", "column", "reason"}], "possibleDuplicates": k}`.
 * With any rejected row nothing is imported and the exit code is 1, unless
 * --skip-invalid (then the valid rows are imported, the rejected ones listed, exit 0).
 * Column headers are matched by synonyms or the agency's saved mapping; there is no
 * mapping screen here, so a missing Date or Event column is an error naming it.
 */

function requireOption(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CasebookError('invalid_payload', `missing ${flag}; usage: ${usage}`);
  }
  return value.trim();
}

const IMPORT_USAGE =
  'casebook chronology import --review ID --agency NAME FILE [--sheet S] [--skip-invalid] [--yes-reimport] --json';

export function registerChronologyCommands(program: Command): void {
  const chronology = program.command('chronology').description("import and list a review's integrated chronology");

  chronology
    .command('import')
    .description("import an agency's chronology (CSV or .xlsx) into a review")
    .argument('<file>', 'the CSV or .xlsx file')
    .option('--review <id>', 'the review id')
    .option('--agency <name>', 'the agency the file comes from (added to the review if new)')
    .option('--sheet <name>', 'the sheet to read (.xlsx; default the first visible one)')
    .option('--skip-invalid', 'import the valid rows even when some are rejected')
    .option('--yes-reimport', 'import a file already imported into this review (same content) again')
    .action(async (file: string, options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', IMPORT_USAGE);
      const agency = requireOption(options.agency, '--agency', IMPORT_USAGE);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new CasebookError('unreadable_file', `cannot read ${file}`);
      }
      const result = await withVault(vaultPath, async (vault) => {
        const imports = new ChronologyImports();
        const preview = await imports.preview(vault.database, {
          reviewId,
          agency,
          fileName: basename(file),
          bytes,
          ...(typeof options.sheet === 'string' ? { sheet: options.sheet } : {}),
        });
        if (preview.missingRequired.length > 0) {
          throw new CasebookError(
            'invalid_payload',
            `${basename(file)}: no column for ${preview.missingRequired.join(' and ')} (headers: ${preview.headers.filter((h) => h !== '').join(', ')}); rename the column or import it in the app to choose it`,
          );
        }
        const showProgress = !json && preview.counts.valid >= 10_000;
        return imports.commit(
          vault,
          {
            previewId: preview.previewId,
            mode: options.skipInvalid ? 'skip-invalid' : 'all-or-nothing',
            confirmReimport: options.yesReimport === true,
          },
          showProgress ? (done, total) => process.stderr.write(`imported ${done} of ${total} rows\n`) : undefined,
        );
      });
      const output = {
        imported: result.imported,
        rejected: result.rejected,
        possibleDuplicates: result.possibleDuplicates,
      };
      const refused = result.importId === null;
      const lines = [
        refused
          ? `Nothing imported: ${result.rejected.length} problem(s) below. Fix the file, or use --skip-invalid to import the valid rows.`
          : `Imported ${result.imported} entries${result.possibleDuplicates > 0 ? `, ${result.possibleDuplicates} possible duplicates flagged` : ''}.`,
        ...result.rejected.map((problem) => describeProblem({ ...problem, severity: 'error' })),
      ];
      print(json, output, lines.join('\n'));
      if (refused) {
        if (json) process.stderr.write(`nothing imported: ${result.rejected.length} row problem(s)\n`);
        throw new AlreadyReported(1);
      }
    });

  chronology
    .command('list')
    .description('the integrated chronology, in order')
    .option('--review <id>', 'the review id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', 'casebook chronology list --review ID --json');
      const { entries } = await readVault(vaultPath, (database) =>
        listEntries(database, { reviewId, filters: {}, offset: 0, limit: 200_000 }),
      );
      const listed = entries.map((entry) => ({
        id: entry.id,
        agency: entry.agency.name,
        agencyId: entry.agency.id,
        date: entry.date.iso,
        precision: entry.date.precision,
        qualifier: entry.date.qualifier,
        dateText: entry.date.text,
        sequence: entry.sequence,
        time: entry.time,
        event: entry.event,
        action: entry.action,
        significance: entry.significance,
        source: entry.source,
        practitioner: entry.practitioner,
        significant: entry.significant,
        possibleDuplicateOf: entry.possibleDuplicateOf,
        linkedWith: entry.linkedWith,
        row: entry.provenance?.row ?? null,
        fileName: entry.provenance?.fileName ?? null,
      }));
      const lines = entries.map(
        (entry) =>
          `${entry.date.display.padEnd(24)} ${entry.agency.name.padEnd(20)} ${entry.event.replace(/\s+/g, ' ').slice(0, 80)}`,
      );
      print(json, listed, lines.length > 0 ? lines.join('\n') : 'No entries in this chronology yet.');
    });
}
