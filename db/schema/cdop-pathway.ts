import type { ColumnsOf } from './columns.js';

/** Tables of the child death review pathway (migration 0007_cdop_pathway); 0007's columns on cdop_agency_report are in cdop.ts. */

export interface CdopAgencyReportChaseTable {
  id: string;
  report_id: string;
  chased_on: string;
  /** Who chased and how ("J Smith, by email"). */
  chased_by: string;
  note: string | null;
  created_at: string;
}

export interface CdopAgencyReportFactorTable {
  report_id: string;
  /** A domain code of the case's analysis form version. */
  domain: string;
  text: string;
}

export interface CdopJointAgencyResponseTable {
  case_id: string;
  held_on: string;
  lead_professionals: string | null;
  home_visit: number | null;
  updated_at: string;
}

export interface CdopReviewMeetingTable {
  case_id: string;
  held_on: string;
  outcome: string | null;
  updated_at: string;
}

export interface CdopReviewMeetingAttendeeTable {
  id: string;
  case_id: string;
  role: string;
  name: string | null;
  position: number;
}

export interface CdopPathwayTables {
  cdop_agency_report_chase: CdopAgencyReportChaseTable;
  cdop_agency_report_factor: CdopAgencyReportFactorTable;
  cdop_joint_agency_response: CdopJointAgencyResponseTable;
  cdop_review_meeting: CdopReviewMeetingTable;
  cdop_review_meeting_attendee: CdopReviewMeetingAttendeeTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const cdopPathwayColumns = {
  cdop_agency_report_chase: {
    id: 'text',
    report_id: 'text',
    chased_on: 'text',
    chased_by: 'text',
    note: 'text | null',
    created_at: 'text',
  },
  cdop_agency_report_factor: {
    report_id: 'text',
    domain: 'text',
    text: 'text',
  },
  cdop_joint_agency_response: {
    case_id: 'text',
    held_on: 'text',
    lead_professionals: 'text | null',
    home_visit: 'integer | null',
    updated_at: 'text',
  },
  cdop_review_meeting: {
    case_id: 'text',
    held_on: 'text',
    outcome: 'text | null',
    updated_at: 'text',
  },
  cdop_review_meeting_attendee: {
    id: 'text',
    case_id: 'text',
    role: 'text',
    name: 'text | null',
    position: 'integer',
  },
} satisfies ColumnsOf<CdopPathwayTables>;
