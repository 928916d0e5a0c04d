import type { Migration } from './index.js';

/**
 * Child death reviews. Dates are ISO `YYYY-MM-DD` text (calendar days, no time
 * zone) so comparisons and julianday() work directly. The link to a safeguarding
 * review is plain TEXT without a foreign key: the review is another feature's
 * record, and the referral stands even if that review is removed.
 */
export const cdop: Migration = {
  name: '0003_cdop',
  up: (database) =>
    database.exec(`
      CREATE TABLE cdop_case (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        child_name TEXT NOT NULL,
        nhs_number TEXT CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
        date_of_birth TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('male', 'female', 'indeterminate', 'not_known')),
        ethnicity TEXT,
        date_of_death TEXT NOT NULL CHECK (date_of_death >= date_of_birth),
        time_of_death TEXT,
        place_of_death TEXT,
        home_postcode TEXT,
        expected TEXT CHECK (expected IN ('expected', 'unexpected')),
        joint_agency_response INTEGER CHECK (joint_agency_response IN (0, 1)),
        post_mortem INTEGER CHECK (post_mortem IN (0, 1)),
        circumstances TEXT,
        form_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('notified', 'information_gathering', 'ready_for_panel', 'reviewed', 'closed')),
        category INTEGER CHECK (category BETWEEN 1 AND 10),
        modifiable TEXT CHECK (modifiable IN ('identified', 'none', 'insufficient')),
        referred_for_review INTEGER NOT NULL DEFAULT 0 CHECK (referred_for_review IN (0, 1)),
        referred_on TEXT,
        linked_review_id TEXT,
        date_notified TEXT NOT NULL,
        date_review_completed TEXT CHECK (date_review_completed IS NULL OR date_review_completed >= date_of_death),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Derived, never typed: the age band (0-27 days, 28-364 days, then completed
        -- years; NULL at 18+). YYYYMMDD integers subtracted and divided by 10,000 give
        -- completed years with a 29 February birthday reached on 1 March in a
        -- non-leap year, the rule of shared/cdop/dates.ts (tests check both agree).
        age_band TEXT GENERATED ALWAYS AS (CASE
          WHEN (CAST(replace(date_of_death, '-', '') AS INTEGER) - CAST(replace(date_of_birth, '-', '') AS INTEGER)) / 10000 = 0
            THEN CASE WHEN julianday(date_of_death) - julianday(date_of_birth) < 28 THEN '0-27d' ELSE '28-364d' END
          WHEN (CAST(replace(date_of_death, '-', '') AS INTEGER) - CAST(replace(date_of_birth, '-', '') AS INTEGER)) / 10000 <= 4 THEN '1-4'
          WHEN (CAST(replace(date_of_death, '-', '') AS INTEGER) - CAST(replace(date_of_birth, '-', '') AS INTEGER)) / 10000 <= 9 THEN '5-9'
          WHEN (CAST(replace(date_of_death, '-', '') AS INTEGER) - CAST(replace(date_of_birth, '-', '') AS INTEGER)) / 10000 <= 14 THEN '10-14'
          WHEN (CAST(replace(date_of_death, '-', '') AS INTEGER) - CAST(replace(date_of_birth, '-', '') AS INTEGER)) / 10000 <= 17 THEN '15-17'
        END) STORED,
        days_to_review INTEGER GENERATED ALWAYS AS (CASE WHEN date_review_completed IS NULL THEN NULL
          ELSE CAST(round(julianday(date_review_completed) - julianday(date_of_death)) AS INTEGER) END) STORED
      ) STRICT;

      -- What the statistics filter on. The first covers everything they read, so a
      -- period's figures never look up table rows (a decade is every row).
      CREATE INDEX cdop_case_statistics ON cdop_case
        (date_of_death, date_review_completed, days_to_review, age_band, category, modifiable, sex, expected, ethnicity);
      CREATE INDEX cdop_case_date_review_completed ON cdop_case (date_review_completed);

      CREATE TABLE cdop_factor (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cdop_case (id) ON DELETE CASCADE,
        domain TEXT NOT NULL,
        description TEXT NOT NULL,
        grade TEXT NOT NULL,
        modifiable INTEGER NOT NULL CHECK (modifiable IN (0, 1)),
        evidence TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cdop_factor_case ON cdop_factor (case_id);

      CREATE TABLE cdop_agency_report (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cdop_case (id) ON DELETE CASCADE,
        agency TEXT NOT NULL,
        requested_on TEXT NOT NULL,
        received_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cdop_agency_report_case ON cdop_agency_report (case_id);

      CREATE TABLE cdop_panel_meeting (
        case_id TEXT NOT NULL REFERENCES cdop_case (id) ON DELETE CASCADE,
        meeting_date TEXT NOT NULL,
        PRIMARY KEY (case_id, meeting_date)
      ) STRICT;
      CREATE INDEX cdop_panel_meeting_date ON cdop_panel_meeting (meeting_date);

      CREATE TABLE cdop_learning_point (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cdop_case (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cdop_learning_point_case ON cdop_learning_point (case_id);

      CREATE TABLE cdop_recommendation (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cdop_case (id) ON DELETE CASCADE,
        level TEXT NOT NULL CHECK (level IN ('local', 'regional', 'national')),
        agency TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cdop_recommendation_case ON cdop_recommendation (case_id);
    `),
};
