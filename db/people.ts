import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AnonymisePerson } from '../shared/anonymise/names.js';
import type { Person, personAddSchema, personUpdateSchema } from '../shared/api/channels/reviews.js';
import { CasebookError } from '../shared/api/errors.js';
import { type PersonRole, personRoleLabel, suggestPseudonym } from '../shared/reviews/index.js';
import { linkPeopleFoundInText } from './entry-people.js';
import { all, type Database, first, query, run } from './query.js';
import { ensureAgency, requireOpenReview, requireReview } from './reviews.js';
import type { PersonTable } from './schema/reviews.js';
import type { VaultWriter } from './vault.js';

/**
 * The people in a review. Each has a pseudonym or role code ("Child H", "Mother",
 * "GP1"), unique within the review, which anonymised output uses in place of the
 * real name (and of their other names). Audit rows name people by id only. Adding
 * a person or changing their names links the entries that mention them
 * (./entry-people.ts).
 */

export type PersonAddInput = z.output<typeof personAddSchema>;
export type PersonUpdateInput = z.output<typeof personUpdateSchema>;

function personSelect() {
  return query
    .selectFrom('person')
    .leftJoin('review_agency', 'review_agency.id', 'person.agency_id')
    .selectAll('person')
    .select('review_agency.name as agency_name');
}

function toPerson(row: Selectable<PersonTable> & { agency_name: string | null }): Person {
  return {
    id: row.id,
    reviewId: row.review_id,
    name: row.real_name,
    role: row.role as PersonRole,
    roleLabel: personRoleLabel(row.role as PersonRole),
    relationship: row.relationship,
    agency: row.agency_name,
    agencyId: row.agency_id,
    pseudonym: row.pseudonym,
    notes: row.notes,
    alsoKnownAs: JSON.parse(row.also_known_as) as string[],
    nhsNumber: row.nhs_number,
    dateOfBirth: row.date_of_birth,
    address: row.address,
    postcode: row.postcode,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getPerson(database: Database, id: string): Person {
  const row = first(database, personSelect().where('person.id', '=', id));
  if (!row) throw new CasebookError('not_found', `person not found: ${id}`);
  return toPerson(row);
}

/** Children first, then family, then professionals; by pseudonym within each. */
export function listPeople(database: Database, reviewId: string): Person[] {
  requireReview(database, reviewId);
  const order = ['child', 'parent', 'family-member', 'other', 'professional'];
  return all(database, personSelect().where('person.review_id', '=', reviewId))
    .map(toPerson)
    .sort(
      (a, b) =>
        order.indexOf(a.role) - order.indexOf(b.role) ||
        a.pseudonym.localeCompare(b.pseudonym, 'en-GB', { numeric: true }),
    );
}

function takenPseudonyms(database: Database, reviewId: string, exceptId?: string): { id: string; pseudonym: string }[] {
  let select = query.selectFrom('person').select(['id', 'pseudonym']).where('review_id', '=', reviewId);
  if (exceptId) select = select.where('id', '!=', exceptId);
  return all(database, select);
}

/** A clear message before the unique index would refuse it with a bare constraint error. */
function requireFreePseudonym(database: Database, reviewId: string, pseudonym: string, exceptId?: string): void {
  const clash = takenPseudonyms(database, reviewId, exceptId).find(
    (taken) => taken.pseudonym.toLowerCase() === pseudonym.toLowerCase(),
  );
  if (clash) {
    throw new CasebookError(
      'conflict',
      `The pseudonym "${pseudonym}" is already used by another person in this review; each person needs their own.`,
    );
  }
}

export function suggestPseudonymFor(
  database: Database,
  reviewId: string,
  role: PersonRole,
  relationship: string | null,
): string {
  requireReview(database, reviewId);
  return suggestPseudonym(
    role,
    relationship,
    takenPseudonyms(database, reviewId).map((taken) => taken.pseudonym),
  );
}

export function addPerson(vault: VaultWriter, input: PersonAddInput): Person {
  const id = randomUUID();
  vault.write({ entity: 'person', entityId: id, action: 'added', detail: { review: input.reviewId } }, () => {
    requireOpenReview(vault.database, input.reviewId);
    requireFreePseudonym(vault.database, input.reviewId, input.pseudonym);
    const agency = input.agency ? ensureAgency(vault.database, input.reviewId, input.agency) : null;
    const now = new Date().toISOString();
    run(
      vault.database,
      query.insertInto('person').values({
        id,
        review_id: input.reviewId,
        real_name: input.name,
        role: input.role,
        relationship: input.relationship,
        agency_id: agency?.id ?? null,
        pseudonym: input.pseudonym,
        notes: input.notes,
        also_known_as: JSON.stringify(input.alsoKnownAs),
        nhs_number: input.nhsNumber,
        date_of_birth: input.dateOfBirth,
        address: input.address,
        postcode: input.postcode,
        created_at: now,
        updated_at: now,
      }),
    );
    linkPeopleFoundInText(vault.database, input.reviewId);
  });
  return getPerson(vault.database, id);
}

export function updatePerson(vault: VaultWriter, input: PersonUpdateInput): Person {
  const { id, ...changes } = input;
  const fields = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  vault.write({ entity: 'person', entityId: id, action: 'updated', detail: { fields } }, () => {
    const existing = getPerson(vault.database, id);
    requireOpenReview(vault.database, existing.reviewId);
    if (changes.pseudonym !== undefined) {
      requireFreePseudonym(vault.database, existing.reviewId, changes.pseudonym, id);
    }
    let agencyId: string | null | undefined;
    if (changes.agency !== undefined) {
      agencyId = changes.agency ? ensureAgency(vault.database, existing.reviewId, changes.agency).id : null;
    }
    run(
      vault.database,
      query
        .updateTable('person')
        .set({
          ...(changes.name !== undefined && { real_name: changes.name }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.pseudonym !== undefined && { pseudonym: changes.pseudonym }),
          ...(changes.relationship !== undefined && { relationship: changes.relationship }),
          ...(agencyId !== undefined && { agency_id: agencyId }),
          ...(changes.notes !== undefined && { notes: changes.notes }),
          ...(changes.alsoKnownAs !== undefined && { also_known_as: JSON.stringify(changes.alsoKnownAs) }),
          ...(changes.nhsNumber !== undefined && { nhs_number: changes.nhsNumber }),
          ...(changes.dateOfBirth !== undefined && { date_of_birth: changes.dateOfBirth }),
          ...(changes.address !== undefined && { address: changes.address }),
          ...(changes.postcode !== undefined && { postcode: changes.postcode }),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id),
    );
    // A new name or pseudonym changes who the text mentions.
    if (changes.name !== undefined || changes.alsoKnownAs !== undefined || changes.pseudonym !== undefined) {
      linkPeopleFoundInText(vault.database, existing.reviewId);
    }
  });
  return getPerson(vault.database, id);
}

export function removePerson(vault: VaultWriter, id: string): void {
  vault.write({ entity: 'person', entityId: id, action: 'removed' }, () => {
    const existing = getPerson(vault.database, id);
    requireOpenReview(vault.database, existing.reviewId);
    run(vault.database, query.deleteFrom('person').where('id', '=', id));
  });
}

/** The review's people as anonymisation and the leak check take them (shared/anonymise/). */
export function anonymisePeople(database: Database, reviewId: string): AnonymisePerson[] {
  return listPeople(database, reviewId).map((person) => ({
    name: person.name,
    alsoKnownAs: person.alsoKnownAs,
    pseudonym: person.pseudonym,
    role: person.role,
    relationship: person.relationship,
    nhsNumber: person.nhsNumber,
    dateOfBirth: person.dateOfBirth,
    address: person.address,
    postcode: person.postcode,
  }));
}
