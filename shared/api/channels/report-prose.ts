import { z } from 'zod';
import { type Prose, proseSchema } from '../../reports/prose.js';
import { PROSE_SECTION_IDS, type ProseSectionId, type ReviewReportSectionId } from '../../reports/sections.js';
import { channel } from '../channel.js';
import { id } from '../fields.js';

/**
 * The reviewer's own prose for each section of the review report and of the
 * seven-minute briefing (shared/reports/sections.ts), stored in the vault as
 * `Prose`, and a one-line summary of what each data section will print from the
 * review's records.
 */

export const saveProseSchema = z
  .object({
    reviewId: id('review'),
    sectionId: z.enum(PROSE_SECTION_IDS as [ProseSectionId, ...ProseSectionId[]], {
      error: 'Choose a section of the report or the briefing',
    }),
    prose: proseSchema,
    /**
     * The version the editor started from (0: never saved). When given, a save over a
     * newer version (another window saved meanwhile) is refused instead of overwriting it.
     */
    baseVersion: z.number().int().min(0).optional(),
  })
  .strict();

export interface SectionProse {
  sectionId: ProseSectionId;
  prose: Prose;
  /** How many times it was saved; 0 while never saved. */
  version: number;
  updatedAt: string | null;
  /**
   * For a briefing part never saved: what its text was drawn from (e.g. "the review's
   * terms of reference"), printed as it is until the reviewer edits it; otherwise null.
   */
  drawnFrom: string | null;
}

/** Every report section, then every briefing part, in document order. */
export interface ReportProse {
  reviewId: string;
  sections: SectionProse[];
}

/** What each data section prints from the review's records, in one line (e.g. "4 agencies, 230 chronology entries"). */
export type ReportRecordsSummary = Partial<Record<ReviewReportSectionId, string>>;

export const reportProseChannels = {
  'report.prose': channel<ReportProse>()(z.object({ reviewId: id('review') }).strict(), { requiresUnlocked: true }),
  'report.saveProse': channel<SectionProse>()(saveProseSchema, { requiresUnlocked: true }),
  'report.records': channel<ReportRecordsSummary>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
} as const;
