import type { Migration } from './index.js';

/**
 * Where the reviewer placed each item on the analysis diagram (by hand or by the
 * automatic layout), so the diagram opens as it was left and the report's picture
 * matches it. One row per item: an item (a factor, a chronology entry...) belongs
 * to one review or one child death, so its id is the key. The position of an item
 * that is deleted goes with it, by trigger (an item's id can be a chronology
 * entry's, which has no foreign key here).
 */

const PLACED = [
  'analysis_factor',
  'analysis_finding',
  'analysis_recommendation',
  'analysis_action',
  'chronology_entry',
  'key_practice_episode',
];

export const analysisDiagram: Migration = {
  name: '0014_analysis_diagram',
  up: (database) =>
    database.exec(`
      CREATE TABLE analysis_diagram_position (
        item_id TEXT PRIMARY KEY,
        review_id TEXT REFERENCES review (id) ON DELETE CASCADE,
        cdop_case_id TEXT REFERENCES cdop_case (id) ON DELETE CASCADE,
        x REAL NOT NULL,
        y REAL NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((review_id IS NULL) <> (cdop_case_id IS NULL))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX analysis_diagram_position_review ON analysis_diagram_position (review_id);
      CREATE INDEX analysis_diagram_position_cdop_case ON analysis_diagram_position (cdop_case_id);
      ${PLACED.map(
        (table) => `
      CREATE TRIGGER ${table}_unplace AFTER DELETE ON ${table} BEGIN
        DELETE FROM analysis_diagram_position WHERE item_id = OLD.id;
      END;`,
      ).join('')}
    `),
};
