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
