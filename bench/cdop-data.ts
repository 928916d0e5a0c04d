import { insertRows } from '../db/query.js';
import type { CdopCaseInsert } from '../db/schema/cdop.js';
import type { VaultWriter } from '../db/vault.js';
import { ETHNIC_CATEGORIES, MODIFIABLE_OUTCOMES, SEXES } from '../shared/cdop/case.js';
import { addDays } from '../shared/cdop/dates.js';
import { formVersionForDates } from '../shared/cdop/forms/index.js';
import { seededRandom } from './random.js';

/**
 * Generated child death cases for benchmarks and statistics tests: fixed by a
 * seed, spread over a decade, about 80% reviewed, with ages weighted to infancy
 * as real child deaths are. Nothing in it is a real child.
 */

export function generateCdopCases(count: number, seed = 1): CdopCaseInsert[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const rows: CdopCaseInsert[] = [];
  for (let i = 0; i < count; i++) {
    const dateOfDeath = addDays('2014-04-01', Math.floor(random() * 3653));
    const r = random();
    // Infants dominate child deaths; the rest spread across childhood (under 18 years).
    const ageDays =
      r < 0.35 ? Math.floor(random() * 28) : r < 0.6 ? 28 + Math.floor(random() * 337) : Math.floor(random() * 6570);
    const dateOfBirth = addDays(dateOfDeath, -ageDays);
    const reviewed = random() < 0.8;
    const row: CdopCaseInsert = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      reference: `GEN-${String(i).padStart(6, '0')}`,
      child_name: `Generated child ${i}`,
      nhs_number: null,
      date_of_birth: dateOfBirth,
      sex: random() < 0.02 ? pick(SEXES) : random() < 0.55 ? 'male' : 'female',
      ethnicity: random() < 0.05 ? null : pick(ETHNIC_CATEGORIES),
      date_of_death: dateOfDeath,
      time_of_death: null,
      place_of_death: null,
      home_postcode: null,
      expected: random() < 0.1 ? null : random() < 0.6 ? 'expected' : 'unexpected',
      joint_agency_response: null,
      post_mortem: null,
      circumstances: null,
      form_version: 'analysis-form-2018',
      status: reviewed ? 'reviewed' : 'information_gathering',
      category: reviewed ? 1 + Math.floor(random() * 10) : null,
      modifiable: reviewed ? pick(MODIFIABLE_OUTCOMES) : null,
      referred_for_review: 0,
      referred_on: null,
      linked_review_id: null,
      date_notified: addDays(dateOfDeath, Math.floor(random() * 3)),
      date_review_completed: reviewed ? addDays(dateOfDeath, 30 + Math.floor(random() * 700)) : null,
      preventable: null,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-01T00:00:00.000Z',
    };
    // The version the dates imply, as the import stamps it (after the random draws, so a seed gives the same cases).
    row.form_version = formVersionForDates({ dateOfDeath, dateReviewCompleted: row.date_review_completed ?? null });
    rows.push(row);
  }
  return rows;
}

/** Inserts generated rows in one audited write (one audit row for the batch, with its count). */
export function insertCdopCases(vault: VaultWriter, rows: readonly CdopCaseInsert[]): void {
  if (rows.length === 0) return;
  const insert = insertRows(
    vault.database,
    'cdop_case',
    Object.keys(rows[0] as CdopCaseInsert) as (keyof CdopCaseInsert)[],
  );
  vault.write({ entity: 'cdop_case', action: 'generated', detail: { count: rows.length } }, () => {
    for (const row of rows) insert(row);
  });
}
