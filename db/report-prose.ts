import type { z } from 'zod';
import type { ReportProse, SectionProse, saveProseSchema } from '../shared/api/channels/report-prose.js';
import { CasebookError } from '../shared/api/errors.js';
import { type Prose, proseFromText, proseLength, proseSchema } from '../shared/reports/prose.js';
import { type BriefingSectionId, PROSE_SECTION_IDS, type ProseSectionId } from '../shared/reports/sections.js';
import { readAnalysis } from './analysis.js';
import { all, type Database, first, query, run } from './query.js';
import { requireOpenReview, requireReview } from './reviews.js';
import type { ReportProseTable } from './schema/report-prose.js';
import type { VaultWriter } from './vault.js';

/**
 * The reviewer's prose for each report section and briefing part. One row per
 * review and section, written whole on each save with its version counted up.
 * A briefing part never saved prints a default drawn from the review's records
 * (see `briefingDefaults`), so the editor and the Word export show the same text.
 * Audit rows name the section and count characters; never the text.
 */

export type SaveProseInput = z.output<typeof saveProseSchema>;

function storedProse(row: ReportProseTable): Prose {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.prose);
  } catch {
    parsed = undefined;
  }
  const checked = proseSchema.safeParse(parsed);
  if (!checked.success) {
    throw new CasebookError('vault_damaged', `The saved text of the section "${row.section_id}" cannot be read.`);
  }
  return checked.data;
}

function rowsOf(database: Database, reviewId: string): Map<string, ReportProseTable> {
  const rows = all(database, query.selectFrom('report_prose').selectAll().where('review_id', '=', reviewId));
  return new Map(rows.map((row) => [row.section_id, row]));
}

type Drawn = { prose: Prose; drawnFrom: string };

function bullets(lines: string[]): Prose {
  return lines.map((text) => ({ type: 'bullet', depth: 0, content: [{ text }] }));
}

/**
 * What a briefing part says until the reviewer saves it, drawn from the review's
 * records: the case in brief from the terms of reference (anonymised on export, like
 * all of the briefing), what was found from the findings, and what to do differently
 * from the recommendations.
 */
function briefingDefaults(database: Database, reviewId: string): Partial<Record<BriefingSectionId, Drawn>> {
  const review = requireReview(database, reviewId);
  const { findings, recommendations } = readAnalysis(database, { kind: 'review', id: reviewId });
  const drawn: Partial<Record<BriefingSectionId, Drawn>> = {};
  const terms = proseFromText(review.terms_of_reference);
  if (terms.length > 0) drawn['briefing-case'] = { prose: terms, drawnFrom: "the review's terms of reference" };
  if (findings.length > 0) {
    drawn['briefing-found'] = {
      prose: bullets(findings.map((finding) => finding.title)),
      drawnFrom: "the review's findings",
    };
  }
  if (recommendations.length > 0) {
    drawn['briefing-do'] = {
      prose: bullets(recommendations.map((recommendation) => recommendation.text)),
      drawnFrom: "the review's recommendations",
    };
  }
  return drawn;
}

function sectionOf(sectionId: ProseSectionId, row: ReportProseTable): SectionProse {
  return { sectionId, prose: storedProse(row), version: row.version, updatedAt: row.updated_at, drawnFrom: null };
}

/** Every section and briefing part of the review, in document order, saved or not. */
export function getReportProse(database: Database, reviewId: string): ReportProse {
  requireReview(database, reviewId);
  const rows = rowsOf(database, reviewId);
  const defaults: Partial<Record<ProseSectionId, Drawn>> = briefingDefaults(database, reviewId);
  const sections = PROSE_SECTION_IDS.map((sectionId): SectionProse => {
    const row = rows.get(sectionId);
    if (row) return sectionOf(sectionId, row);
    const drawn = defaults[sectionId];
    return { sectionId, prose: drawn?.prose ?? [], version: 0, updatedAt: null, drawnFrom: drawn?.drawnFrom ?? null };
  });
  return { reviewId, sections };
}

/**
 * The prose that will be printed, by section: what the reviewer saved, and the
 * defaults of briefing parts never saved. Sections with nothing to print are left out.
 * For the Word export.
 */
export function readReportProse(database: Database, reviewId: string): Partial<Record<ProseSectionId, Prose>> {
  const printed: Partial<Record<ProseSectionId, Prose>> = {};
  for (const section of getReportProse(database, reviewId).sections) {
    if (section.prose.length > 0) printed[section.sectionId] = section.prose;
  }
  return printed;
}

/** Saves one section whole. An unchanged text is not saved again (no new version, no audit row). */
export function saveSectionProse(vault: VaultWriter, input: SaveProseInput): SectionProse {
  const { database } = vault;
  const text = JSON.stringify(input.prose);
  const existing = () =>
    first(
      database,
      query
        .selectFrom('report_prose')
        .selectAll()
        .where('review_id', '=', input.reviewId)
        .where('section_id', '=', input.sectionId),
    );
  const check = (row: ReportProseTable | undefined) => {
    requireOpenReview(database, input.reviewId);
    const current = row?.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== current) {
      throw new CasebookError(
        'conflict',
        'This section was saved from another window since you opened it. Copy your text, reload the report and add it again.',
      );
    }
  };
  const before = existing();
  if (before && before.prose === text) {
    check(before);
    return sectionOf(input.sectionId, before);
  }
  vault.write(
    (version: number) => ({
      entity: 'report_prose',
      entityId: input.reviewId,
      action: 'section saved',
      detail: { section: input.sectionId, version, characters: proseLength(input.prose) },
    }),
    () => {
      const row = existing();
      check(row);
      const version = (row?.version ?? 0) + 1;
      const updatedAt = new Date().toISOString();
      run(
        database,
        query
          .insertInto('report_prose')
          .values({
            review_id: input.reviewId,
            section_id: input.sectionId,
            prose: text,
            version,
            updated_at: updatedAt,
          })
          .onConflict((conflict) =>
            conflict.columns(['review_id', 'section_id']).doUpdateSet({ prose: text, version, updated_at: updatedAt }),
          ),
      );
      return version;
    },
  );
  const saved = existing();
  if (!saved) throw new Error('the saved section is missing');
  return sectionOf(input.sectionId, saved);
}
