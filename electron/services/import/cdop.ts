import { randomUUID } from 'node:crypto';
import { PROGRESS_EVERY } from '../../../db/chronology.js';
import { all, type Database, first, query, run } from '../../../db/query.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { formVersionForDates } from '../../../shared/cdop/forms/index.js';
import {
  type CdopImportContext,
  type CdopImportField,
  cdopImport,
  type ImportedCase,
} from '../../../shared/import/cdop.js';
import type { ImportBinding } from './engine.js';

/**
 * The CDOP kind's vault side: the references already taken (for the row check,
 * and again inside the write), the panel's saved mapping, and the writer: the
 * cases in one audited transaction, in steps (the audit row holds the count,
 * never names). CDOP cases are imported into the vault, not a review: no target.
 */

export type CdopImportTarget = Record<string, never>;

/** The panel's mapping, kept in the vault's settings (one CDOP case list per vault). */
const MAPPING_SETTING = 'cdopImportMapping';

function takenReferences(database: Database): Set<string> {
  return new Set(all(database, query.selectFrom('cdop_case').select('reference')).map((row) => row.reference));
}

export const cdopImportBinding: ImportBinding<
  CdopImportField,
  ImportedCase,
  CdopImportContext,
  CdopImportTarget,
  ImportedCase
> = {
  kind: cdopImport,
  context: (database) => ({ taken: takenReferences(database) }),
  savedMapping: (database) => {
    const row = first(database, query.selectFrom('setting').select('value').where('key', '=', MAPPING_SETTING));
    return row ? (JSON.parse(row.value) as Partial<Record<CdopImportField, string>>) : null;
  },
  destination: () => "this vault's child death cases",
  draft: (value) => value,
  flagsDuplicates: false,
  write: (vault, job) =>
    vault.writeInSteps(
      { entity: 'cdop_case', action: 'imported', detail: { count: job.rows.length } },
      async (pause) => {
        const { database } = vault;
        job.guard(database);
        // Another import (another process) may have taken a reference since the rows were checked.
        const taken = takenReferences(database);
        const clashes = job.rows.filter((row) => taken.has(row.reference)).map((row) => row.reference);
        if (clashes.length > 0) {
          throw new CasebookError(
            'conflict',
            `${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ' and others' : ''} were added to the vault while this file was being imported: nothing was imported; import it again to see them as rejected rows`,
          );
        }
        const at = new Date().toISOString();
        for (let start = 0; start < job.rows.length; start += PROGRESS_EVERY) {
          for (const row of job.rows.slice(start, start + PROGRESS_EVERY)) {
            run(
              database,
              query.insertInto('cdop_case').values({
                id: randomUUID(),
                reference: row.reference,
                child_name: row.childName,
                nhs_number: row.nhsNumber,
                date_of_birth: row.dateOfBirth,
                sex: row.sex,
                ethnicity: row.ethnicity,
                date_of_death: row.dateOfDeath,
                time_of_death: null,
                place_of_death: null,
                home_postcode: null,
                expected: row.expected,
                joint_agency_response: null,
                post_mortem: null,
                circumstances: null,
                form_version: formVersionForDates(row),
                status: row.dateReviewCompleted ? 'reviewed' : 'notified',
                category: row.category,
                modifiable: row.modifiable,
                referred_for_review: 0,
                referred_on: null,
                linked_review_id: null,
                date_notified: row.dateNotified,
                date_review_completed: row.dateReviewCompleted,
                created_at: at,
                updated_at: at,
              }),
            );
          }
          job.onProgress?.(Math.min(start + PROGRESS_EVERY, job.rows.length));
          await pause();
        }
        run(
          database,
          query
            .insertInto('setting')
            .values({ key: MAPPING_SETTING, value: JSON.stringify(job.mapping) })
            .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(job.mapping) })),
        );
        // No import record for cases: each case is its own record, audited by count.
        return { importId: null, possibleDuplicates: null };
      },
    ),
};
