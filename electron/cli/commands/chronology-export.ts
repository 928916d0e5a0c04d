import { extname } from 'node:path';
import type { Command } from 'commander';
import { CasebookError } from '../../../shared/api/errors.js';
import { exportChronology } from '../../services/chronology-export.js';
import { globals, print, withVault, writeExportFile } from '../common.js';

/**
 * `casebook chronology export --review ID --out FILE.xlsx|csv [--anonymise]`: the
 * app's export service. The format follows the file's extension. The file holds
 * the chronology unencrypted: writeExportFile writes it owner-only, never half a
 * file at --out, and a failed write is not recorded as an export.
 * Added to the `chronology` command registered in chronology.ts.
 */

const USAGE = 'casebook chronology export --review ID --out FILE.xlsx|csv [--anonymise] [--json]';

export function registerChronologyExportCommand(program: Command): void {
  const chronology =
    program.commands.find((command) => command.name() === 'chronology') ?? program.command('chronology');
  chronology
    .command('export')
    .description('export the integrated chronology to .xlsx or .csv (optionally anonymised)')
    .option('--review <id>', 'the review id')
    .option('--out <file>', 'the file to write: .xlsx or .csv')
    .option('--anonymise', "replace real names with each person's pseudonym or role code")
    .option('--anonymize', 'the same as --anonymise')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = typeof options.review === 'string' ? options.review.trim() : '';
      const out = typeof options.out === 'string' ? options.out.trim() : '';
      if (reviewId === '' || out === '') {
        throw new CasebookError(
          'invalid_payload',
          `missing ${reviewId === '' ? '--review' : '--out'}; usage: ${USAGE}`,
        );
      }
      const extension = extname(out).toLowerCase();
      if (extension !== '.xlsx' && extension !== '.csv') {
        throw new CasebookError('invalid_payload', `--out: the file must end in .xlsx or .csv; usage: ${USAGE}`);
      }
      const format = extension === '.csv' ? 'csv' : 'xlsx';
      const anonymise = options.anonymise === true || options.anonymize === true;
      const result = await withVault(vaultPath, (vault) =>
        exportChronology(vault, reviewId, { format, anonymise }, ({ content }) => writeExportFile(out, content)),
      );
      print(
        json,
        { out, format, entries: result.entries, anonymised: anonymise },
        `Exported ${result.entries} entries${anonymise ? ', anonymised,' : ''} to ${out}`,
      );
    });
}
