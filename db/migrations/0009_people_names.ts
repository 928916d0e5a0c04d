import type { Migration } from './index.js';

/**
 * People found in the text.
 *
 * - A person's other names ("Tyler", "Dr Okafor", "Ms Brown"): a JSON array of text,
 *   matched in the chronology and replaced in anonymised output like the real name.
 * - What identifies them beyond a name, all optional, for the leak check of
 *   anonymised output: NHS number (ten digits), date of birth (ISO), address, postcode.
 * - Entry-person links say whether Casebook found the person in the entry's text
 *   (`found_in_text` 1, kept in step with the text) or the reviewer linked them (0,
 *   kept until the reviewer removes it). Links made before this migration were the
 *   reviewer's.
 * - A link the reviewer removed is remembered, so finding the name in the text
 *   again (on an edit, a new other name) never brings it back.
 */
export const peopleNames: Migration = {
  name: '0009_people_names',
  up: (database) =>
    database.exec(`
      ALTER TABLE person ADD COLUMN also_known_as TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(also_known_as) AND json_type(also_known_as) = 'array');
      ALTER TABLE person ADD COLUMN nhs_number TEXT CHECK (nhs_number IS NULL OR nhs_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
      ALTER TABLE person ADD COLUMN date_of_birth TEXT;
      ALTER TABLE person ADD COLUMN address TEXT;
      ALTER TABLE person ADD COLUMN postcode TEXT;

      ALTER TABLE chronology_entry_person ADD COLUMN found_in_text INTEGER NOT NULL DEFAULT 0
        CHECK (found_in_text IN (0, 1));

      CREATE TABLE chronology_entry_person_removed (
        entry_id TEXT NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        removed_at TEXT NOT NULL,
        PRIMARY KEY (entry_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX chronology_entry_person_removed_person ON chronology_entry_person_removed (person_id);
    `),
};
