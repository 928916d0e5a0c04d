import type { ColumnsOf } from './columns.js';

/** Tables of the Word documents' versions and sign-off (migration 0013_report_versions). */

export interface ReportVersionTable {
  id: string;
  review_id: string;
  number: number;
  /** 'report' | 'briefing'. */
  kind: string;
  created_at: string;
  content_hash: string;
  anonymised: number;
  /** JSON: [{ id, heading, text }] in the document's order. */
  sections: string;
}

export interface ReportSignOffTable {
  version_id: string;
  role: string;
  signed_on: string;
  /** 'approved' | 'changes-requested'. */
  decision: string;
  conditions: string | null;
  created_at: string;
}

export interface ReportVersionTables {
  report_version: ReportVersionTable;
  report_sign_off: ReportSignOffTable;
}

export const reportVersionColumns = {
  report_version: {
    id: 'text',
    review_id: 'text',
    number: 'integer',
    kind: 'text',
    created_at: 'text',
    content_hash: 'text',
    anonymised: 'integer',
    sections: 'text',
  },
  report_sign_off: {
    version_id: 'text',
    role: 'text',
    signed_on: 'text',
    decision: 'text',
    conditions: 'text | null',
    created_at: 'text',
  },
} satisfies ColumnsOf<ReportVersionTables>;
