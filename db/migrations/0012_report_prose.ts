import type { Migration } from './index.js';

/**
 * The reviewer's own prose, one row per review and report or briefing section
 * (shared/reports/sections.ts names the sections): the text as the `Prose` block
 * model in JSON (shared/reports/prose.ts), when it was last saved, and a version
 * counting the saves, so a save from a window that started from an older version is
 * refused rather than silently overwriting the newer text.
 */
export const reportProse: Migration = {
  name: '0012_report_prose',
  up: (database) =>
    database.exec(`
      CREATE TABLE report_prose (
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        section_id TEXT NOT NULL CHECK (length(section_id) BETWEEN 1 AND 100),
        prose TEXT NOT NULL CHECK (json_valid(prose) AND json_type(prose) = 'array'),
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (review_id, section_id)
      ) STRICT, WITHOUT ROWID;
    `),
};
