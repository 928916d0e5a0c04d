import { formVersionForDates } from '../../shared/cdop/forms/index.js';
import type { Migration } from './index.js';

/**
 * Statistics on the national basis, and analysis form versions that follow the date.
 *
 * - A covering index led by the date of review completion, so the figures for the
 *   reviews completed in a period (db/cdop-statistics.ts) read no table rows, as
 *   0003's index does for deaths; and one on the date notified, counted beside them.
 * - `preventable`: before 1 April 2010 panels recorded whether a death was
 *   "preventable", a different measure from modifiable factors. 1 preventable,
 *   0 not; NULL when not recorded (and for every later death).
 * - Form C's version is called `form-c` (it ran from April 2008, not 2010).
 * - Every case was stamped with the 2018 form whatever its dates. A case with no
 *   factors recorded takes the version its dates imply (shared/cdop/forms); a case
 *   with factors keeps its version, since its factors use that form's domains and
 *   grades (the panel can change it on the case, which says what carries over).
 */
export const cdopFormVersions: Migration = {
  name: '0010_cdop_form_versions',
  up: (database) => {
    database.exec(`
      CREATE INDEX cdop_case_statistics_completed ON cdop_case
        (date_review_completed, date_of_death, days_to_review, age_band, category, modifiable, sex, expected, ethnicity);
      CREATE INDEX cdop_case_date_notified ON cdop_case (date_notified);
      ALTER TABLE cdop_case ADD COLUMN preventable INTEGER CHECK (preventable IN (0, 1));
      UPDATE cdop_case SET form_version = 'form-c' WHERE form_version = 'form-c-2010';
    `);
    const cases = database
      .prepare(
        `SELECT id, date_of_death AS dateOfDeath, date_review_completed AS dateReviewCompleted, form_version AS version
         FROM cdop_case c WHERE NOT EXISTS (SELECT 1 FROM cdop_factor f WHERE f.case_id = c.id)`,
      )
      .all() as { id: string; dateOfDeath: string; dateReviewCompleted: string | null; version: string }[];
    const restamp = database.prepare('UPDATE cdop_case SET form_version = ? WHERE id = ?');
    for (const one of cases) {
      const version = formVersionForDates(one);
      if (version !== one.version) restamp.run(version, one.id);
    }
  },
};
