import type { Migration } from './index.js';

/**
 * Versions of a review's Word documents and the board's sign-off.
 *
 * - Every export of a review's report or briefing is a version: numbered per review
 *   (across both kinds, so "version 4" names one document), dated, with the hash of
 *   its content, whether it was anonymised, and each section's text (JSON), so two
 *   versions can be compared section by section later.
 * - A sign-off records the board's decision on one version (role, date, approved or
 *   changes requested, conditions) and locks it: a version is signed off once, and
 *   rows are never edited. A version approved and unchanged since prints as FINAL.
 */
export const reportVersions: Migration = {
  name: '0013_report_versions',
  up: (database) =>
    database.exec(`
      CREATE TABLE report_version (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number > 0),
        kind TEXT NOT NULL CHECK (kind IN ('report', 'briefing')),
        created_at TEXT NOT NULL,
        content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
        anonymised INTEGER NOT NULL CHECK (anonymised IN (0, 1)),
        sections TEXT NOT NULL CHECK (json_valid(sections)),
        UNIQUE (review_id, number)
      ) STRICT;

      CREATE TABLE report_sign_off (
        version_id TEXT PRIMARY KEY REFERENCES report_version (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (length(trim(role)) > 0),
        signed_on TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes-requested')),
        conditions TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER report_version_locked BEFORE UPDATE ON report_version
      BEGIN SELECT RAISE(ABORT, 'a report version is never changed'); END;
      CREATE TRIGGER report_sign_off_locked BEFORE UPDATE ON report_sign_off
      BEGIN SELECT RAISE(ABORT, 'a sign-off is never changed'); END;
    `),
};
