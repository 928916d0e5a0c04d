import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { actionBoard, checkAnalysis, importAnalysis, readAnalysis } from '../../../db/analysis.js';
import { PROBLEM_LABELS } from '../../../shared/analysis/check.js';
import { ACTION_STATUS_LABELS, type Analysis, type AnalysisOwner } from '../../../shared/analysis/model.js';
import { boardFilterSchema } from '../../../shared/api/channels/analysis.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { checkFileSize } from '../../services/import/read-table.js';
import { globals, print, readVault, withVault } from '../common.js';

/**
 * `casebook analysis export | import | check` and `casebook action list`: the
 * modifiable-factor analysis of a review (--review) or a child death (--cdop-case),
 * in the same JSON shape the app reads and writes (shared/analysis/model.ts).
 */

interface OwnerOptions {
  review?: string;
  cdopCase?: string;
}

function ownerFrom(options: OwnerOptions, usage: string): AnalysisOwner {
  const review = options.review?.trim();
  const cdopCase = options.cdopCase?.trim();
  if (review && cdopCase)
    throw new CasebookError('invalid_payload', `give --review or --cdop-case, not both; usage: ${usage}`);
  if (review) return { kind: 'review', id: review };
  if (cdopCase) return { kind: 'cdop-case', id: cdopCase };
  throw new CasebookError('invalid_payload', `missing --review or --cdop-case; usage: ${usage}`);
}

/** The export's shape: the analysis without its owner (the owner is where it is imported). */
function portable({ owner: _owner, ...rest }: Analysis) {
  return rest;
}

function summary(analysis: Analysis): string {
  return [
    `${analysis.episodes.length} key practice episodes, ${analysis.factors.length} factors, ${analysis.findings.length} findings,`,
    `${analysis.recommendations.length} recommendations, ${analysis.actions.length} actions, ${analysis.links.length} links`,
  ].join(' ');
}

const ownerOptions = (command: Command) =>
  command.option('--review <id>', 'the review id').option('--cdop-case <id>', 'the child death case id');

export function registerAnalysisCommands(program: Command): void {
  const analysis = program
    .command('analysis')
    .description('the modifiable-factor analysis of a review or child death: export, import, check');

  const EXPORT_USAGE = 'casebook analysis export --review ID | --cdop-case ID --json';
  ownerOptions(
    analysis.command('export').description('print the whole analysis (with --json, as JSON to import elsewhere)'),
  ).action(async (options: OwnerOptions, command: Command) => {
    const { vaultPath, json } = globals(command);
    const owner = ownerFrom(options, EXPORT_USAGE);
    const found = await readVault(vaultPath, (database) => readAnalysis(database, owner));
    print(json, portable(found), summary(found));
  });

  const IMPORT_USAGE = 'casebook analysis import --review ID | --cdop-case ID FILE.json --json';
  ownerOptions(
    analysis
      .command('import')
      .description('add an exported analysis with new ids; refused whole, every problem listed, if any part is wrong')
      .argument('<file>', 'the JSON printed by analysis export'),
  ).action(async (file: string, options: OwnerOptions, command: Command) => {
    const { vaultPath, json } = globals(command);
    const owner = ownerFrom(options, IMPORT_USAGE);
    let content: unknown;
    try {
      checkFileSize(basename(file), statSync(file).size);
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if (error instanceof CasebookError) throw error;
      throw new CasebookError(
        'unreadable_file',
        `cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      const imported = await withVault(vaultPath, (vault) => importAnalysis(vault, owner, content));
      print(json, portable(imported), `Imported. The analysis now has ${summary(imported)}`);
    } catch (error) {
      // Every problem on its own line for a person; --json carries them in the error's issues.
      if (!json && error instanceof CasebookError && error.issues) {
        for (const issue of error.issues) process.stderr.write(`${issue.path}: ${issue.message}\n`);
      }
      throw error;
    }
  });

  const CHECK_USAGE = 'casebook analysis check --review ID | --cdop-case ID --json';
  ownerOptions(
    analysis
      .command('check')
      .description('list the gaps in the chain (exit 0 either way): findings without evidence, and the like'),
  ).action(async (options: OwnerOptions, command: Command) => {
    const { vaultPath, json } = globals(command);
    const owner = ownerFrom(options, CHECK_USAGE);
    const problems = await readVault(vaultPath, (database) => checkAnalysis(database, owner));
    print(
      json,
      problems.map(({ kind, id, title }) => ({ kind, id, title })),
      problems.length === 0
        ? 'No gaps: every finding has evidence and every action an owner, date and outcome measure.'
        : problems.map((problem) => `${PROBLEM_LABELS[problem.kind]}: ${problem.title} (${problem.id})`).join('\n'),
    );
  });

  const action = program.command('action').description('the actions of every review and child death');
  action
    .command('list')
    .description('list actions, due date first; overdue by today (local date)')
    .option('--overdue', 'only overdue actions')
    .option('--agency <name>', 'only actions owned by this agency')
    .action(async (options: { overdue?: boolean; agency?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const filter = boardFilterSchema.parse({
        ...(options.overdue && { overdue: true }),
        ...(options.agency !== undefined && { agency: options.agency }),
      });
      const actions = await readVault(vaultPath, (database) => actionBoard(database, filter));
      print(
        json,
        actions,
        actions.length === 0
          ? 'No actions.'
          : actions
              .map(
                (item) =>
                  `${item.dueOn ?? 'no date'}  ${ACTION_STATUS_LABELS[item.status]}${item.overdue ? ' (overdue)' : ''}  ${item.ownerAgency ?? 'no owner'}  ${item.text}  [${item.owner.title}]`,
              )
              .join('\n'),
      );
    });
}
