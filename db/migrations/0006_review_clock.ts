import type { Migration } from './index.js';

/**
 * The post-2018 clock of a serious child safeguarding case: the day the partners
 * became aware of the incident (day 0 of the working-day deadlines), the
 * notification to the national panel, the rapid review, the decision on a review
 * and publication. ISO dates, each null until known; the due dates are computed,
 * never stored, so a corrected holiday list or a reviewer's added day changes them.
 */
export const reviewClock: Migration = {
  name: '0006_review_clock',
  up: (database) =>
    database.exec(`
      ALTER TABLE review ADD COLUMN aware_on TEXT;
      ALTER TABLE review ADD COLUMN notified_on TEXT;
      ALTER TABLE review ADD COLUMN rapid_review_held_on TEXT;
      ALTER TABLE review ADD COLUMN decided_on TEXT;
      ALTER TABLE review ADD COLUMN published_on TEXT;
    `),
};
