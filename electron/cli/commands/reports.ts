import { extname } from 'node:path';
import type { Command } from 'commander';
import { listVersions, signOffVersion } from '../../../db/report-versions.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { isIsoDate, todayIso } from '../../../shared/dates/iso-date.js';
import {
  REPORT_KIND_LABELS,
  type ReportKind,
  SIGN_OFF_DECISIONS,
  type SignOffDecision,
} from '../../../shared/reports/versions.js';
import {
  exportCdopRecord,
  exportReviewDocument,
  type RefusedExport,
  type WordExport,
} from '../../services/reports/export.js';
import { AlreadyReported, globals, print, readVault, withVault, writeExportFile } from '../common.js';
import { requireOption } from '../import.js';

/**
 * `casebook report export | versions | sign-off` and `casebook cdop record`: the
 * app's Word export service (electron/services/reports/export.ts). A refused
 * export (the leak check found personal details in an anonymised document) prints
 * its result with each leak and where it is, writes nothing, and exits 1.
 */

const EXPORT_USAGE = 'casebook report export --review ID --out FILE.docx [--anonymise] [--kind report|briefing] --json';
const SIGN_OFF_USAGE =
  'casebook report sign-off --review ID --version N --role R --decision approved|changes-requested [--conditions TEXT] [--on YYYY-MM-DD] --json';
const RECORD_USAGE = 'casebook cdop record --case ID --out FILE.docx [--anonymise] --json';

function docxOut(options: Record<string, unknown>, usage: string): string {
  const out = requireOption(options.out, '--out', usage);
  if (extname(out).toLowerCase() !== '.docx')
    throw new CasebookError('invalid_payload', `--out: the file must end in .docx; usage: ${usage}`);
  return out;
}

const anonymiseOption = (options: Record<string, unknown>) => options.anonymise === true || options.anonymize === true;

function report(json: boolean, out: string, result: WordExport | RefusedExport, what: string): void {
  if ('refused' in result) {
    print(
      json,
      { path: null, version: null, anonymised: true, leaks: result.leaks },
      [
        `Nothing exported: the anonymised ${what} still held ${result.leaks.length} personal detail(s):`,
        ...result.leaks,
      ].join('\n'),
    );
    process.stderr.write(`nothing exported: the leak check found ${result.leaks.length} personal detail(s)\n`);
    throw new AlreadyReported(1);
  }
  print(
    json,
    { path: out, version: result.version, final: result.final, anonymised: result.anonymised, leaks: [] },
    `Exported the ${what}${result.version ? ` (${result.final ? 'FINAL, version' : 'draft version'} ${result.version})` : ''}${result.anonymised ? ', anonymised,' : ''} to ${out}`,
  );
}

export function registerReportExportCommands(program: Command): void {
  // `report prose` is registered in report.ts; the Word documents join the same `report` command.
  const reports = program.commands.find((item) => item.name() === 'report') ?? program.command('report');

  reports
    .command('export')
    .description('export the review report or the seven-minute briefing (always anonymised) to .docx')
    .option('--review <id>', 'the review id')
    .option('--out <file>', 'the .docx file to write')
    .option('--kind <kind>', 'report or briefing', 'report')
    .option('--anonymise', "replace real names with each person's pseudonym or role code, then check for leaks")
    .option('--anonymize', 'the same as --anonymise')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', EXPORT_USAGE);
      const out = docxOut(options, EXPORT_USAGE);
      const kind = options.kind;
      if (kind !== 'report' && kind !== 'briefing') {
        throw new CasebookError('invalid_payload', `--kind: report or briefing; usage: ${EXPORT_USAGE}`);
      }
      const result = await withVault(vaultPath, (vault) =>
        exportReviewDocument(vault, { reviewId, kind, anonymise: anonymiseOption(options) }, ({ content }) =>
          writeExportFile(out, content),
        ),
      );
      report(json, out, result, REPORT_KIND_LABELS[kind as ReportKind].toLowerCase());
    });

  reports
    .command('versions')
    .description("the review's exported versions, their sign-off and what changed since the one before")
    .option('--review <id>', 'the review id')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', 'casebook report versions --review ID --json');
      const versions = await readVault(vaultPath, (database) => listVersions(database, reviewId));
      const lines = versions.map((version) => {
        const signed = version.signOff
          ? `, ${version.signOff.decision} by ${version.signOff.role} on ${version.signOff.signedOn}`
          : '';
        const changed = version.changedSincePrevious.map((change) => `${change.heading} (${change.change})`).join('; ');
        return `v${version.number} ${REPORT_KIND_LABELS[version.kind]} ${version.createdAt.slice(0, 10)}${version.anonymised ? ' anonymised' : ''}${signed}${changed ? `\n    changed: ${changed}` : ''}`;
      });
      print(json, versions, lines.length > 0 ? lines.join('\n') : 'No versions exported yet.');
    });

  reports
    .command('sign-off')
    .description("record the board's decision on a version; it locks that version")
    .option('--review <id>', 'the review id')
    .option('--version <n>', 'the version number')
    .option('--role <role>', 'who signed off, by role (e.g. "Partnership chair")')
    .option('--decision <decision>', 'approved or changes-requested')
    .option('--conditions <text>', 'conditions of the approval, or the changes requested')
    .option('--on <date>', 'the date of the decision, YYYY-MM-DD (default today)')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = requireOption(options.review, '--review', SIGN_OFF_USAGE);
      const version = Number(requireOption(options.version, '--version', SIGN_OFF_USAGE));
      const role = requireOption(options.role, '--role', SIGN_OFF_USAGE);
      const decision = requireOption(options.decision, '--decision', SIGN_OFF_USAGE);
      if (!Number.isInteger(version) || version < 1)
        throw new CasebookError('invalid_payload', `--version: a version number; usage: ${SIGN_OFF_USAGE}`);
      if (!(SIGN_OFF_DECISIONS as readonly string[]).includes(decision)) {
        throw new CasebookError(
          'invalid_payload',
          `--decision: approved or changes-requested; usage: ${SIGN_OFF_USAGE}`,
        );
      }
      const signedOn = typeof options.on === 'string' ? options.on : todayIso();
      if (!isIsoDate(signedOn))
        throw new CasebookError('invalid_payload', `--on: a date as YYYY-MM-DD; usage: ${SIGN_OFF_USAGE}`);
      const conditions =
        typeof options.conditions === 'string' && options.conditions.trim() !== '' ? options.conditions.trim() : null;
      const signed = await withVault(vaultPath, (vault) =>
        signOffVersion(vault, { reviewId, version, role, decision: decision as SignOffDecision, conditions, signedOn }),
      );
      print(json, signed, `Version ${version}: ${decision} by ${role} on ${signedOn}. The version is locked.`);
    });

  const cdop = program.commands.find((item) => item.name() === 'cdop') ?? program.command('cdop');
  cdop
    .command('record')
    .description("export one case's child death review record to .docx")
    .option('--case <id>', 'the case id')
    .option('--out <file>', 'the .docx file to write')
    .option('--anonymise', 'leave out the identifying details and refer to "the child", then check for leaks')
    .option('--anonymize', 'the same as --anonymise')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      const caseId = requireOption(options.case, '--case', RECORD_USAGE);
      const out = docxOut(options, RECORD_USAGE);
      const result = await withVault(vaultPath, (vault) =>
        exportCdopRecord(vault, { caseId, anonymise: anonymiseOption(options) }, ({ content }) =>
          writeExportFile(out, content),
        ),
      );
      report(json, out, result, 'case record');
    });
}
