import type { Migration } from './index.js';

/**
 * The modifiable-factor analysis (shared/analysis/model.ts), one model for a review
 * and a child death: each item belongs to exactly one review or one CDOP case.
 * The chain's edges are rows of analysis_link; because an edge may start at a
 * chronology entry or a key practice episode, it cannot have a foreign key to its
 * ends, so triggers remove the links of whatever is deleted.
 *
 * A child death's factors and recommendations move here from 0003's cdop_factor and
 * cdop_recommendation (same ids; a factor's evidence text becomes its note), and
 * those tables go: one model, not two.
 *
 * Key practice episodes gain the reviewer's account of them, as prose JSON
 * (shared/reports/prose.ts); null is empty.
 */

const OWNER = `
  review_id TEXT REFERENCES review (id) ON DELETE CASCADE,
  cdop_case_id TEXT REFERENCES cdop_case (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((review_id IS NULL) <> (cdop_case_id IS NULL))`;

const ITEM_TABLES = ['analysis_factor', 'analysis_finding', 'analysis_recommendation', 'analysis_action'];

export const analysis: Migration = {
  name: '0011_analysis',
  up: (database) =>
    database.exec(`
      CREATE TABLE analysis_factor (
        id TEXT PRIMARY KEY,
        description TEXT NOT NULL CHECK (length(trim(description)) > 0),
        taxonomy TEXT,
        level TEXT,
        domain TEXT,
        grade TEXT,
        modifiable INTEGER NOT NULL CHECK (modifiable IN (0, 1)),
        agencies TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agencies) AND json_type(agencies) = 'array'),
        note TEXT,${OWNER}
      ) STRICT;

      CREATE TABLE analysis_finding (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        taxonomy TEXT,
        pattern TEXT,
        in_this_case TEXT,
        wider_evidence TEXT,
        why_it_matters TEXT,
        board_questions TEXT,${OWNER}
      ) STRICT;

      CREATE TABLE analysis_recommendation (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        addressee TEXT NOT NULL CHECK (addressee IN ('agency', 'board')),
        agency TEXT,
        level TEXT CHECK (level IN ('local', 'regional', 'national')),${OWNER}
      ) STRICT;

      CREATE TABLE analysis_action (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        owner_agency TEXT,
        owner_role TEXT,
        due_on TEXT,
        status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed', 'evidenced')),
        outcome_measure TEXT,${OWNER}
      ) STRICT;
      CREATE INDEX analysis_action_board ON analysis_action (owner_agency, due_on);

      CREATE TABLE analysis_action_evidence (
        id TEXT PRIMARY KEY,
        action_id TEXT NOT NULL REFERENCES analysis_action (id) ON DELETE CASCADE,
        recorded_on TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('re-audit', 'questionnaire', 'inspection', 'note')),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analysis_action_evidence_action ON analysis_action_evidence (action_id, recorded_on);

      CREATE TABLE analysis_link (
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        from_kind TEXT NOT NULL,
        to_kind TEXT NOT NULL,
        review_id TEXT REFERENCES review (id) ON DELETE CASCADE,
        cdop_case_id TEXT REFERENCES cdop_case (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (from_id, to_id),
        CHECK ((review_id IS NULL) <> (cdop_case_id IS NULL)),
        CHECK (from_kind || '>' || to_kind IN ('entry>factor', 'episode>factor', 'factor>finding',
          'finding>recommendation', 'recommendation>action'))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX analysis_link_to ON analysis_link (to_id);
      CREATE INDEX analysis_link_review ON analysis_link (review_id);
      CREATE INDEX analysis_link_cdop_case ON analysis_link (cdop_case_id);

      ${ITEM_TABLES.map(
        (table) => `
      CREATE INDEX ${table}_review ON ${table} (review_id, position);
      CREATE INDEX ${table}_cdop_case ON ${table} (cdop_case_id, position);`,
      ).join('')}

      ${[...ITEM_TABLES, 'chronology_entry', 'key_practice_episode']
        .map(
          (table) => `
      CREATE TRIGGER ${table}_unlink AFTER DELETE ON ${table} BEGIN
        DELETE FROM analysis_link WHERE from_id = OLD.id OR to_id = OLD.id;
      END;`,
        )
        .join('')}

      INSERT INTO analysis_factor
        (id, description, taxonomy, level, domain, grade, modifiable, agencies, note,
         review_id, cdop_case_id, position, created_at, updated_at)
        SELECT id, description, NULL, NULL, domain, grade, modifiable, '[]', evidence,
          NULL, case_id, row_number() OVER (PARTITION BY case_id ORDER BY created_at, id), created_at, created_at
        FROM cdop_factor;
      INSERT INTO analysis_recommendation
        (id, text, addressee, agency, level, review_id, cdop_case_id, position, created_at, updated_at)
        SELECT id, text, 'agency', agency, level,
          NULL, case_id, row_number() OVER (PARTITION BY case_id ORDER BY created_at, id), created_at, created_at
        FROM cdop_recommendation;
      DROP TABLE cdop_factor;
      DROP TABLE cdop_recommendation;

      ALTER TABLE key_practice_episode ADD COLUMN went_well TEXT;
      ALTER TABLE key_practice_episode ADD COLUMN went_less_well TEXT;
      ALTER TABLE key_practice_episode ADD COLUMN practitioners_view TEXT;
      ALTER TABLE key_practice_episode ADD COLUMN family_view TEXT;
    `),
};
