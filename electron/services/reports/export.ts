import { createHash } from 'node:crypto';
import { auditChainHead } from '../../../db/audit.js';
import { getCase } from '../../../db/cdop-cases.js';
import { anonymisePeople } from '../../../db/people.js';
import { readReportProse } from '../../../db/report-prose.js';
import { approvedVersionWith, insertVersion, nextVersionNumber } from '../../../db/report-versions.js';
import { readSettings } from '../../../db/settings.js';
import type { Vault } from '../../../db/vault.js';
import { describeLeak, findLeaks } from '../../../shared/anonymise/leak-check.js';
import type { AnonymisePerson } from '../../../shared/anonymise/names.js';
import { createAnonymiser } from '../../../shared/anonymise/replace.js';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import type { ProseSectionId } from '../../../shared/reports/sections.js';
import type { ReportKind, VersionSection } from '../../../shared/reports/versions.js';
import { formatAuditAnchor } from '../audit-anchor.js';
import { cdopRecordModel, cdopRecordPeople } from './cdop-record.js';
import { packReport } from './document.js';
import { documentTexts } from './document-text.js';
import { type DocumentStatus, mapText, type ReportBlock, type ReportModel } from './model.js';
import { briefingModel, reviewReportModel } from './review-report.js';

/**
 * Exporting a Word document, the one way for every kind:
 *
 * 1. build the report model from the vault (review-report.ts, cdop-record.ts);
 * 2. anonymise it when asked (a briefing always): every string of the model goes
 *    through the review's anonymiser, so body, tables, headers, footers, captions and
 *    document properties alike;
 * 3. write the .docx (document.ts);
 * 4. anonymised: the leak check reads every XML part of the finished file
 *    (document-text.ts) for every name, NHS number, date of birth, address and
 *    postcode held; any leak refuses the export, each listed with where it is
 *    (never the personal text) and nothing is written or recorded;
 * 5. save it, then (in one audited write) record it: a review document as a new
 *    version with its content hash and section texts. A review document whose
 *    content is exactly that of an approved version prints as FINAL instead of
 *    DRAFT and makes no new version.
 *
 * The file name never holds the review's or the child's name.
 */

export interface ExportProgress {
  /** 'building' | 'writing' (rows of the chronology) | 'checking' | 'saving'. */
  stage: 'building' | 'writing' | 'checking' | 'saving';
  done: number;
  total: number;
}

export interface WordExport {
  fileName: string;
  content: Buffer;
  version: number | null;
  final: boolean;
  anonymised: boolean;
}

/** A refused export: the leaks, described, and nothing written. */
export interface RefusedExport {
  refused: true;
  anonymised: true;
  leaks: string[];
}

type Save = (file: { fileName: string; content: Buffer }) => void | Promise<void>;

const today = (now: Date) => formatIsoUk(now.toISOString().slice(0, 10));

/** The text of the model's sections (its level 1 headings), kept with a version for comparing later. */
export function modelSections(model: ReportModel): VersionSection[] {
  const sections: VersionSection[] = [];
  let current: VersionSection = { heading: '(before the first heading)', text: '' };
  const add = (text: string) => {
    current.text += `${text}\n`;
  };
  for (const part of model.parts) {
    for (const block of part.blocks) {
      if (block.type === 'heading' && (block.level === 1 || model.contents === false)) {
        if (current.text !== '') sections.push(current);
        current = { heading: block.text, text: '' };
        continue;
      }
      blockText(block, add);
    }
  }
  if (current.text !== '') sections.push(current);
  return sections;
}

function blockText(block: ReportBlock, add: (text: string) => void): void {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
    case 'placeholder':
      add(block.text);
      return;
    case 'prose':
      for (const item of block.prose) add(item.content.map((inline) => inline.text).join(''));
      return;
    case 'facts':
      for (const [label, value] of block.rows) add(`${label}: ${value}`);
      return;
    case 'image':
      add(`[image] ${block.caption}`);
      return;
    case 'table': {
      // A streamed table (thousands of rows) is kept as its size and hash, not its text.
      if (block.streamed) {
        const hash = createHash('sha256');
        for (const row of block.rows) hash.update(`${row.join('\u0000')}\u0001`);
        add(`${block.rows.length} rows, sha256 ${hash.digest('hex')}`);
      } else {
        for (const row of [block.headers, ...block.rows]) add(row.join(' | '));
      }
    }
  }
}

function contentHash(sections: VersionSection[], kind: string, anonymised: boolean): string {
  const hash = createHash('sha256');
  hash.update(`${kind}\u0000${anonymised}\u0000`);
  for (const section of sections) hash.update(`${section.heading}\u0000${section.text}\u0001`);
  return hash.digest('hex');
}

async function checkedPack(
  model: ReportModel,
  people: readonly AnonymisePerson[] | null,
  progress: (update: ExportProgress) => void,
): Promise<{ content: Buffer } | RefusedExport> {
  const anonymised = people ? mapText(model, createAnonymiser(people).text) : model;
  const content = await packReport(anonymised, (done, total) => progress({ stage: 'writing', done, total }));
  if (!people) return { content };
  progress({ stage: 'checking', done: 0, total: 1 });
  const leaks = findLeaks(people, documentTexts(content));
  if (leaks.length > 0) return { refused: true, anonymised: true, leaks: leaks.map(describeLeak) };
  return { content };
}

export async function exportReviewDocument(
  vault: Pick<Vault, 'database' | 'write'>,
  input: {
    reviewId: string;
    kind: ReportKind;
    anonymise: boolean;
    now?: Date;
    onProgress?: (update: ExportProgress) => void;
  },
  save: Save,
): Promise<WordExport | RefusedExport> {
  const now = input.now ?? new Date();
  const progress = input.onProgress ?? (() => undefined);
  progress({ stage: 'building', done: 0, total: 1 });
  const { database } = vault;
  const settings = readSettings(database, '');
  // The briefing goes to the whole workforce: always anonymised.
  const anonymised = input.anonymise || input.kind === 'briefing';
  const build = input.kind === 'briefing' ? briefingModel : reviewReportModel;
  const storedProse = readReportProse(database, input.reviewId);
  const draft = build({
    vault,
    reviewId: input.reviewId,
    status: { kind: 'draft', version: 0, date: today(now) },
    marking: settings.protectiveMarking,
    boardName: settings.boardName,
    description: formatAuditAnchor(auditChainHead(database)),
    prose: (sectionId) => storedProse[sectionId as ProseSectionId] ?? null,
  });
  const sections = modelSections(draft);
  const hash = contentHash(sections, input.kind, anonymised);
  const approved = approvedVersionWith(database, input.reviewId, input.kind, hash);
  const number = approved ?? nextVersionNumber(database, input.reviewId);
  const status: DocumentStatus = { kind: approved ? 'final' : 'draft', version: number, date: today(now) };

  const packed = await checkedPack(
    { ...draft, status },
    anonymised ? anonymisePeople(database, input.reviewId) : null,
    progress,
  );
  if ('refused' in packed) return packed;

  progress({ stage: 'saving', done: 0, total: 1 });
  const fileName = `${input.kind === 'briefing' ? 'seven-minute-briefing' : 'review-report'}-v${number}-${now.toISOString().slice(0, 10)}${approved ? '-final' : ''}${anonymised ? '-anonymised' : ''}.docx`;
  await save({ fileName, content: packed.content });
  vault.write(
    {
      entity: 'review',
      entityId: input.reviewId,
      action: 'report exported',
      detail: { kind: input.kind, version: number, final: approved !== null, anonymised },
    },
    () => {
      if (approved === null) {
        insertVersion(
          database,
          { reviewId: input.reviewId, kind: input.kind, contentHash: hash, anonymised, sections },
          number,
          now,
        );
      }
    },
  );
  return { fileName, content: packed.content, version: number, final: approved !== null, anonymised };
}

export async function exportCdopRecord(
  vault: Pick<Vault, 'database' | 'write'>,
  input: { caseId: string; anonymise: boolean; now?: Date; onProgress?: (update: ExportProgress) => void },
  save: Save,
): Promise<WordExport | RefusedExport> {
  const now = input.now ?? new Date();
  const { database } = vault;
  const settings = readSettings(database, '');
  const detail = getCase(database, input.caseId);
  const model = cdopRecordModel(detail, {
    anonymise: input.anonymise,
    status: { kind: 'dated', date: today(now) },
    marking: settings.protectiveMarking,
    boardName: settings.boardName,
    description: formatAuditAnchor(auditChainHead(database)),
  });
  const packed = await checkedPack(
    model,
    input.anonymise ? cdopRecordPeople(detail) : null,
    input.onProgress ?? (() => undefined),
  );
  if ('refused' in packed) return packed;
  const fileName = `child-death-review-record-${now.toISOString().slice(0, 10)}${input.anonymise ? '-anonymised' : ''}.docx`;
  await save({ fileName, content: packed.content });
  vault.write(
    { entity: 'cdop_case', entityId: input.caseId, action: 'record exported', detail: { anonymised: input.anonymise } },
    () => undefined,
  );
  return { fileName, content: packed.content, version: null, final: false, anonymised: input.anonymise };
}
