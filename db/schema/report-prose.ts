import type { ColumnsOf } from './columns.js';

/** The reviewer's prose per report section (migration 0012_report_prose). */

export interface ReportProseTable {
  review_id: string;
  /** A `ProseSectionId` of shared/reports/sections.ts. */
  section_id: string;
  /** JSON of the section's `Prose`. */
  prose: string;
  /** 1 on the first save, one more on each save after. */
  version: number;
  updated_at: string;
}

export interface ReportProseTables {
  report_prose: ReportProseTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const reportProseColumns = {
  report_prose: {
    review_id: 'text',
    section_id: 'text',
    prose: 'text',
    version: 'integer',
    updated_at: 'text',
  },
} satisfies ColumnsOf<ReportProseTables>;
