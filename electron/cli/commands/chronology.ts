import type { Command } from 'commander';
import { listEntries } from '../../../db/chronology.js';
import { chronologyImportBinding } from '../../services/import/chronology.js';
import { collect, globals, print, readVault } from '../common.js';
import { addImportCommand, requireOption } from '../import.js';

/**
 * `casebook chronology import | list`: the same import engine and queries as the app.
 * import: see ../import.ts (output, exit codes); the agency is named on the command.
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
          `${entry.date.display.padEnd(24)} ${entry.agency.name.padEnd(20)} ${entry.event.replace(/\s+/g, ' ').slice(0, 80)}`,
      );
      print(json, listed, lines.length > 0 ? lines.join('\n') : 'No entries in this chronology yet.');
    });
}
