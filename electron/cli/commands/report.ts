import type { Command } from 'commander';
import { getReportProse, saveSectionProse } from '../../../db/report-prose.js';
import { saveProseSchema } from '../../../shared/api/channels/report-prose.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { proseText } from '../../../shared/reports/prose.js';
import { PROSE_SECTION_IDS } from '../../../shared/reports/sections.js';
import { globals, print, readVault, withVault } from '../common.js';
import { requireOption } from '../import.js';
import { readJsonSource } from '../input.js';

/**
 * `casebook report prose`: the reviewer's prose of each report section and briefing
 * part, read (every section, or one) or set from a file or standard input as the
 * `Prose` JSON the app stores (shared/reports/prose.ts). The text never goes in a
 * flag, where the process list and shell history would show it.
 */

const PROSE_USAGE = 'casebook report prose --review ID [--section S [--input FILE.json|-]] --json';

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description("the review report's and the briefing's content");

  report
    .command('prose')
    .description("read the reviewer's prose of every section, or set one section's from --input")
    .option('--review <id>', 'the review id')
    .option('--section <id>', `one section: ${PROSE_SECTION_IDS.join(' | ')}`)
    .option('--input <source>', 'set the section to the prose JSON in this file, or on standard input: give "-"')
    .addHelpText(
      'after',
      [
        '',
        'The prose is a JSON array of blocks, e.g.',
        '  [{"type": "heading", "level": 2, "content": [{"text": "Summary"}]},',
        '   {"type": "paragraph", "content": [{"text": "Agencies "}, {"text": "did not", "bold": true}, {"text": " share..."}]},',
        '   {"type": "bullet", "depth": 0, "content": [{"text": "Guidance", "link": "https://example.org"}]}]',
      ].join('\n'),
    )
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', PROSE_USAGE);
      const section =
        options.section === undefined ? undefined : requireOption(options.section, '--section', PROSE_USAGE);
      if (typeof options.input === 'string') {
        if (section === undefined)
          throw new CasebookError('invalid_payload', `--input needs --section; usage: ${PROSE_USAGE}`);
        // Checked before the vault is unlocked: a bad file costs no passphrase prompt.
        const parsed = saveProseSchema.safeParse({
          reviewId,
          sectionId: section,
          prose: await readJsonSource(options.input, '--input'),
        });
        if (!parsed.success) {
          const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
          throw new CasebookError(
            'invalid_payload',
            issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
            issues,
          );
        }
        const saved = await withVault(vaultPath, (vault) => saveSectionProse(vault, parsed.data));
        print(
          json,
          { sectionId: saved.sectionId, version: saved.version, updatedAt: saved.updatedAt },
          `Saved ${saved.sectionId} (version ${saved.version}).`,
        );
        return;
      }
      const { sections } = await readVault(vaultPath, (database) => getReportProse(database, reviewId));
      const chosen = section === undefined ? sections : sections.filter((one) => one.sectionId === section);
      if (chosen.length === 0) {
        throw new CasebookError(
          'invalid_payload',
          `--section: no section ${section}; the sections are ${PROSE_SECTION_IDS.join(', ')}`,
        );
      }
      print(
        json,
        chosen,
        chosen
          .map((one) => `== ${one.sectionId} (version ${one.version})\n${proseText(one.prose) || '(not written yet)'}`)
          .join('\n\n'),
      );
    });
}
