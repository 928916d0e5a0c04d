import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CasebookError } from '../../shared/api/errors.js';
import { describeProblem } from '../../shared/import/problems.js';
import { type ImportBinding, ImportEngine } from '../services/import/engine.js';
import { checkFileSize } from '../services/import/read-table.js';
import { AlreadyReported, globals, print, withVault } from './common.js';

/**
 * `casebook <kind> import FILE`, the same for every import kind, through the same
 * engine as the app. Prints `{"imported": n, "rejected": [{"row", "column",
 * "reason"}]}` (and `"possibleDuplicates"` for a kind that detects them, and
 * `"alreadyThere"` and `"replaced"` for a kind that spots a corrected file).
 *
 * Exit codes, whatever the kind: 0 rows were imported (with --skip-invalid, the
 * rejected ones listed); 1 rows were rejected and nothing was written; 2 nothing
 * could be done (the file is unreadable or too large, a required column is
 * missing, a re-import was not confirmed).
 * There is no mapping screen here: columns are matched by their headers or the
 * mapping saved by the last import in the app.
 */

export const CLI_CONFIRM_REIMPORT = 'Run the command again with --yes-reimport to import it anyway.';
export const CLI_CHOOSE_OVERLAP =
  'Run the command again with --only-new to import only the new rows, or --replace-earlier to replace that import.';

export interface ImportCommandSpec<Target> {
  description: string;
  /** Adds the kind's own options (a review, an agency). */
  options?: (command: Command) => Command;
  /** The target from the parsed options; throws `invalid_payload` naming a missing option. */
  target: (options: Record<string, unknown>) => Target;
}

export function addImportCommand<Field extends string, Value, Context, Target, Draft>(
  parent: Command,
  binding: ImportBinding<Field, Value, Context, Target, Draft>,
  spec: ImportCommandSpec<Target>,
): void {
  let command = parent
    .command('import')
    .description(spec.description)
    .argument('<file>', 'the spreadsheet (.csv or .xlsx)');
  command = spec.options ? spec.options(command) : command;
  command = command
    .option('--sheet <name>', 'the sheet to read (.xlsx; default the first visible one)')
    .option('--skip-invalid', 'import the valid rows and leave out the rejected ones');
  if (binding.earlierImport) {
    command = command.option('--yes-reimport', 'import a file already imported to the same place (same content) again');
  }
  if (binding.overlap) {
    command = command
      .option('--only-new', 'a corrected file: import only the rows not already there from an earlier import')
      .option(
        '--replace-earlier',
        'a corrected file: replace the earlier import its rows overlap (its entries deleted)',
      );
  }
  command.action(async (file: string, options: Record<string, unknown>, self: Command) => {
    const { vaultPath, json } = globals(self);
    const target = spec.target(options);
    const fileName = basename(file);
    let bytes: Uint8Array;
    try {
      // The size first: a file far over the limit is refused without being read into memory.
      checkFileSize(fileName, statSync(file).size);
      bytes = readFileSync(file);
    } catch (error) {
      if (error instanceof CasebookError) throw error;
      throw new CasebookError(
        'unreadable_file',
        `cannot read ${file}: check the path and that the file is not open elsewhere`,
      );
    }
    const imports = new ImportEngine();
    const result = await withVault(vaultPath, async (vault) => {
      const preview = await imports.preview(binding, vault.database, {
        target,
        fileName,
        bytes,
        sheet: typeof options.sheet === 'string' ? options.sheet : undefined,
      });
      const showProgress = !json && preview.counts.valid >= 10_000;
      return imports.commit(
        binding,
        vault,
        {
          previewId: preview.previewId,
          mode: options.skipInvalid ? 'skip-invalid' : 'all-or-nothing',
          confirmReimport: options.yesReimport === true,
          overlap: options.replaceEarlier ? 'replace' : options.onlyNew ? 'only-new' : undefined,
        },
        {
          howToConfirmReimport: CLI_CONFIRM_REIMPORT,
          howToChooseOverlap: CLI_CHOOSE_OVERLAP,
          ...(showProgress
            ? {
                onProgress: (done: number, total: number) =>
                  process.stderr.write(`imported ${done} of ${total} rows\n`),
              }
            : {}),
        },
      );
    });
    const { one, many } = binding.kind.rows;
    const output = {
      imported: result.imported,
      rejected: result.rejected,
      ...(result.possibleDuplicates === null ? {} : { possibleDuplicates: result.possibleDuplicates }),
      ...(binding.overlap ? { alreadyThere: result.alreadyThere, replaced: result.replaced } : {}),
    };
    const refused = result.imported === 0 && result.alreadyThere === 0;
    const lines = [
      result.imported === 0 && !refused
        ? `Nothing imported: all ${result.alreadyThere} rows are already there.`
        : refused
          ? `Nothing imported: ${result.rejected.length} problem(s) below.${options.skipInvalid ? '' : ' Fix the file, or use --skip-invalid to import the valid rows.'}`
          : `Imported ${result.imported} ${result.imported === 1 ? one : many}${result.possibleDuplicates ? `, ${result.possibleDuplicates} possible duplicates flagged` : ''}.`,
      ...result.rejected.map((problem) => describeProblem({ ...problem, severity: 'error' })),
    ];
    print(json, output, lines.join('\n'));
    if (refused) {
      process.stderr.write(
        `nothing imported: ${result.rejected.length} row problem(s)${options.skipInvalid ? '' : ' (fix the rows, or use --skip-invalid)'}\n`,
      );
      throw new AlreadyReported(1);
    }
  });
}

/** A required option's value, or `invalid_payload` naming it. */
export function requireOption(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CasebookError('invalid_payload', `missing ${flag}; usage: ${usage}`);
  }
  return value.trim();
}
