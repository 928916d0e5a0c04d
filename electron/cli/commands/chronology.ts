import type { Command } from 'commander';
import { listEntries, listImports, renumber } from '../../../db/chronology.js';
import { deleteEntry, removeImport, restoreEntry } from '../../../db/chronology-deleted.js';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import { chronologyImportBinding } from '../../services/import/chronology.js';
import { collect, globals, print, readVault, withVault } from '../common.js';
import { addImportCommand, requireOption } from '../import.js';

/**
 * `casebook chronology import | list | imports | remove-import | delete | restore |
 * renumber`: the same import engine and queries as the app. import: see ../import.ts
 * (output, exit codes); the agency is named on the command. Entries are named by
 * their id; `list` gives each its `ref`, the number the reviewer cites.
 */

const IMPORT_USAGE =
  'casebook chronology import --review ID --agency NAME FILE [--sheet S] [--skip-invalid] [--yes-reimport] --json';

export function registerChronologyCommands(program: Command): void {
  const chronology = program.command('chronology').description("import and list a review's integrated chronology");

  addImportCommand(chronology, chronologyImportBinding, {
    description: "import an agency's chronology (CSV or .xlsx) into a review",
    options: (command) =>
      command
        .option('--review <id>', 'the review id')
        .option('--agency <name>', 'the agency the file comes from (added to the review if new)'),
    target: (options) => ({
      reviewId: requireOption(options.review, '--review', IMPORT_USAGE),
      agency: requireOption(options.agency, '--agency', IMPORT_USAGE),
    }),
  });

  chronology
    .command('list')
    .description('the integrated chronology, in order')
    .option('--review <id>', 'the review id')
    .option('--person <id>', 'only the entries about this person (repeat for any of several)', collect, [])
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', 'casebook chronology list --review ID --json');
      const personIds = options.person as string[];
      const { entries } = await readVault(vaultPath, (database) =>
        listEntries(database, {
          reviewId,
          filters: personIds.length > 0 ? { personIds } : {},
          offset: 0,
          limit: 200_000,
        }),
      );
      const listed = entries.map((entry) => ({
        id: entry.id,
        ref: entry.ref,
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
        /** The people the entry is about: found in its text or linked by the reviewer. */
        people: entry.personIds,
        row: entry.provenance?.row ?? null,
        fileName: entry.provenance?.fileName ?? null,
      }));
      const lines = entries.map(
        (entry) =>
          `${String(entry.ref).padStart(5)}  ${entry.date.display.padEnd(24)} ${entry.agency.name.padEnd(20)} ${entry.event.replace(/\s+/g, ' ').slice(0, 80)}`,
      );
      print(json, listed, lines.length > 0 ? lines.join('\n') : 'No entries in this chronology yet.');
    });

  chronology
    .command('imports')
    .description("a review's imports: agency, file, date and the entries still in the chronology")
    .option('--review <id>', 'the review id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', 'casebook chronology imports --review ID --json');
      const imports = await readVault(vaultPath, (database) => listImports(database, reviewId));
      const listed = imports.map((record) => ({
        id: record.id,
        agency: record.agency.name,
        file: record.fileName,
        importedAt: record.importedAt,
        entries: record.entries,
      }));
      const lines = imports.map(
        (record) =>
          `${record.id}  ${formatIsoUk(record.importedAt.slice(0, 10))}  ${record.agency.name.padEnd(20)} ${record.fileName} (${record.entries} entries)`,
      );
      print(json, listed, lines.length > 0 ? lines.join('\n') : 'No imports in this review.');
    });

  chronology
    .command('remove-import')
    .description('delete the entries an import brought (each can be restored)')
    .option('--import <id>', 'the import id (from chronology imports)')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const importId = requireOption(
        options.import,
        '--import',
        'casebook chronology remove-import --import ID --json',
      );
      const result = await withVault(vaultPath, async (vault) => removeImport(vault, importId));
      print(json, result, `Removed the import: ${result.removed} entries deleted (restore them one by one if needed).`);
    });

  chronology
    .command('delete')
    .description('delete an entry (it can be restored with its number)')
    .option('--entry <id>', 'the entry id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const entryId = requireOption(options.entry, '--entry', 'casebook chronology delete --entry ID --json');
      const result = await withVault(vaultPath, async (vault) => deleteEntry(vault, entryId));
      print(json, result, `Deleted entry ${result.ref}.`);
    });

  chronology
    .command('restore')
    .description('restore a deleted entry, with its number')
    .option('--entry <id>', 'the entry id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const entryId = requireOption(options.entry, '--entry', 'casebook chronology restore --entry ID --json');
      const entry = await withVault(vaultPath, async (vault) => restoreEntry(vault, entryId));
      print(json, { id: entry.id, ref: entry.ref }, `Restored entry ${entry.ref}.`);
    });

  chronology
    .command('renumber')
    .description("number a review's entries 1, 2, 3... in the chronology's order (recorded in the audit log)")
    .option('--review <id>', 'the review id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', 'casebook chronology renumber --review ID --json');
      const result = await withVault(vaultPath, async (vault) => renumber(vault, reviewId));
      print(json, result, `Renumbered ${result.renumbered} entries.`);
    });
}
