import type { Migration } from './index.js';

/**
 * Reviews, their agencies, status history and people. Ids are UUIDs (TEXT) so
 * records keep their identity in exports and merges; dates are ISO 8601 text.
 * Deleting a review takes everything in it with it; an agency still named by a
 * person cannot be removed from the review until that person is changed.
 */
export const reviews: Migration = {
  name: '0002_reviews',
  up: (database) =>
    database.exec(`
      CREATE TABLE review (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('scr', 'cspr', 'rapid', 'learning', 'single-agency')),
        scope_from TEXT,
        scope_to TEXT,
        -- Plain text in the small format of shared/reviews/terms.ts, never HTML.
        terms_of_reference TEXT NOT NULL DEFAULT '',
        -- JSON array of names.
        lead_reviewers TEXT NOT NULL DEFAULT '[]',
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (scope_from IS NULL OR scope_to IS NULL OR scope_from <= scope_to)
      ) STRICT;

      CREATE TABLE review_agency (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX review_agency_name ON review_agency (review_id, name COLLATE NOCASE);

      CREATE TABLE review_status_step (
        id INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        step_date TEXT NOT NULL,
        decision TEXT,
        rationale TEXT,
        -- JSON of the reviewer's answers to the SCR criteria questions, with the outcome
        -- and explanation as shown when the decision was recorded.
        criteria_answers TEXT,
        criteria_outcome TEXT,
        criteria_explanation TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_status_step_review ON review_status_step (review_id, id);

      CREATE TABLE person (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        real_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('child', 'parent', 'family-member', 'professional', 'other')),
        relationship TEXT,
        agency_id TEXT REFERENCES review_agency (id) ON DELETE RESTRICT,
        pseudonym TEXT NOT NULL CHECK (length(trim(pseudonym)) > 0),
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- "Child H" and "child h" would read as the same person in a report.
      CREATE UNIQUE INDEX person_pseudonym ON person (review_id, pseudonym COLLATE NOCASE);
      CREATE INDEX person_agency ON person (agency_id);
    `),
};
