import type { Migration } from './index.js';

/**
 * The 2018 child death review pathway between notification and the panel.
 *
 * - Agency reporting forms are 0003's `cdop_agency_report` rows, given a due date
 *   and the form's content. `due_on` NULL means the default (Settings: days after
 *   the request), so changing the default moves every form not given its own date.
 *   Overdue is derived from the dates when read, never stored.
 * - A chase is a dated note on a form: when, by whom and how, what was said.
 * - What the form notes per domain of the case's analysis form (A-D, or 1-4 for
 *   Form C), one text per domain.
 * - The Joint Agency Response (unexpected deaths) and the Child Death Review
 *   Meeting: at most one of each per case, the meeting's attendees by role.
 */
export const cdopPathway: Migration = {
  name: '0007_cdop_pathway',
  up: (database) =>
    database.exec(`
      ALTER TABLE cdop_agency_report ADD COLUMN due_on TEXT;
      ALTER TABLE cdop_agency_report ADD COLUMN involvement TEXT;

      CREATE TABLE cdop_agency_report_chase (
        id TEXT PRIMARY KEY,
        report_id TEXT NOT NULL REFERENCES cdop_agency_report (id) ON DELETE CASCADE,
        chased_on TEXT NOT NULL,
        chased_by TEXT NOT NULL CHECK (length(trim(chased_by)) > 0),
        note TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cdop_agency_report_chase_report ON cdop_agency_report_chase (report_id, chased_on);

      CREATE TABLE cdop_agency_report_factor (
        report_id TEXT NOT NULL REFERENCES cdop_agency_report (id) ON DELETE CASCADE,
        domain TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        PRIMARY KEY (report_id, domain)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE cdop_joint_agency_response (
        case_id TEXT PRIMARY KEY REFERENCES cdop_case (id) ON DELETE CASCADE,
        held_on TEXT NOT NULL,
        lead_professionals TEXT,
        home_visit INTEGER CHECK (home_visit IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cdop_review_meeting (
        case_id TEXT PRIMARY KEY REFERENCES cdop_case (id) ON DELETE CASCADE,
        held_on TEXT NOT NULL,
        outcome TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cdop_review_meeting_attendee (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cdop_review_meeting (case_id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (length(trim(role)) > 0),
        name TEXT,
        position INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cdop_review_meeting_attendee_case ON cdop_review_meeting_attendee (case_id, position);
    `),
};
