import type { Migration } from './index.js';

/**
 * Key practice episodes (SCIE Learning Together): a reviewer-chosen episode with a
 * title, an optional description, the span of time it covers (ISO dates to any
 * precision; null ends are open) and the entries it takes in. An entry may belong
 * to several episodes. Possible-duplicate flags live in 0004's chronology_duplicate.
 */
export const chronologyAnalysis: Migration = {
  name: '0005_chronology_analysis',
  up: (database) =>
    database.exec(`
      CREATE TABLE key_practice_episode (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description TEXT,
        span_from TEXT,
        span_to TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (span_from IS NULL OR span_to IS NULL OR span_from <= span_to)
      ) STRICT;
      CREATE INDEX key_practice_episode_review ON key_practice_episode (review_id, span_from);

      CREATE TABLE key_practice_episode_entry (
        episode_id TEXT NOT NULL REFERENCES key_practice_episode (id) ON DELETE CASCADE,
        entry_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        PRIMARY KEY (episode_id, entry_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX key_practice_episode_entry_entry ON key_practice_episode_entry (entry_id);
    `),
};
