import { nameFinder } from '../shared/anonymise/names.js';
import { CasebookError } from '../shared/api/errors.js';
import { all, type Database, query, run } from './query.js';

/**
 * Which entries are about which people (the person filter, the entry panel).
 *
 * - Found in the text: an entry is linked to each person its text names (event,
 *   action, significance, source, practitioner, child seen) by their name or one of
 *   their other names, as shared/anonymise/names.ts finds them. A name shared by
 *   people with different pseudonyms ("Smith") links no one: it cannot say who.
 *   Kept in step with the text: on import, on an edit, and when a person is added or
 *   their names change; a link found in the text goes when the text stops naming them.
 * - The reviewer's: linked or unlinked by hand. A link the reviewer removes is
 *   remembered (chronology_entry_person_removed) and never made again from the text;
 *   linking by hand again forgets the removal.
 *
 * Call inside a vault write: these change rows and leave auditing to the caller.
 */

interface EntryText {
  id: string;
  event: string;
  action: string | null;
  significance: string | null;
  source: string | null;
  practitioner: string | null;
  child_seen_text: string | null;
}

/** At most this many ids in one `IN (...)` list, well under SQLite's limit on parameters. */
const BATCH = 500;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += BATCH) out.push(items.slice(at, at + BATCH));
  return out;
}

/**
 * Brings the found-in-text links of a review's entries (all of them, or `entryIds`)
 * in step with their text and the review's people. Returns how many links it added.
 */
export function linkPeopleFoundInText(database: Database, reviewId: string, entryIds?: readonly string[]): number {
  const people = all(
    database,
    query
      .selectFrom('person')
      .select(['id', 'real_name', 'also_known_as', 'pseudonym'])
      .where('review_id', '=', reviewId),
  );
  // No people yet: nothing to find, and no found-in-text link can exist to drop.
  if (people.length === 0) return 0;
  const personByPseudonym = new Map(people.map((person) => [person.pseudonym, person.id]));
  const finder = nameFinder(
    people.map((person) => ({
      name: person.real_name,
      alsoKnownAs: JSON.parse(person.also_known_as) as string[],
      pseudonym: person.pseudonym,
    })),
  );
  const select = () =>
    query
      .selectFrom('chronology_entry')
      .select(['id', 'review_id', 'event', 'action', 'significance', 'source', 'practitioner', 'child_seen_text']);
  // Named entries are read by id alone (the primary key) and kept to the review here: with the
  // review in the query too, SQLite walked the review's index, every entry of it for every 500
  // ids, and a 100,000-row import took 70 s instead of 3.
  const rows: EntryText[] =
    entryIds === undefined
      ? all(database, select().where('review_id', '=', reviewId))
      : batches(entryIds).flatMap((ids) =>
          all(database, select().where('id', 'in', ids)).filter((row) => row.review_id === reviewId),
        );
  if (rows.length === 0) return 0;

  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    const found = new Set<string>();
    for (const text of [row.event, row.action, row.significance, row.source, row.practitioner, row.child_seen_text]) {
      if (!text) continue;
      for (const mention of finder.find(text)) {
        if (mention.pseudonyms.length !== 1) continue;
        const personId = personByPseudonym.get(mention.pseudonyms[0] as string);
        if (personId) found.add(personId);
      }
    }
    wanted.set(row.id, found);
  }

  const existing = new Map<string, Map<string, number>>();
  const removed = new Set<string>();
  for (const ids of batches([...wanted.keys()])) {
    for (const link of all(
      database,
      query
        .selectFrom('chronology_entry_person')
        .select(['entry_id', 'person_id', 'found_in_text'])
        .where('entry_id', 'in', ids),
    )) {
      const links = existing.get(link.entry_id) ?? new Map<string, number>();
      links.set(link.person_id, link.found_in_text);
      existing.set(link.entry_id, links);
    }
    for (const link of all(
      database,
      query
        .selectFrom('chronology_entry_person_removed')
        .select(['entry_id', 'person_id'])
        .where('entry_id', 'in', ids),
    )) {
      removed.add(`${link.entry_id} ${link.person_id}`);
    }
  }

  const add: { entry_id: string; person_id: string; found_in_text: number }[] = [];
  for (const [entryId, found] of wanted) {
    const links = existing.get(entryId) ?? new Map<string, number>();
    for (const personId of found) {
      if (!links.has(personId) && !removed.has(`${entryId} ${personId}`)) {
        add.push({ entry_id: entryId, person_id: personId, found_in_text: 1 });
      }
    }
    for (const [personId, foundInText] of links) {
      if (foundInText === 1 && !found.has(personId)) {
        run(
          database,
          query.deleteFrom('chronology_entry_person').where('entry_id', '=', entryId).where('person_id', '=', personId),
        );
      }
    }
  }
  for (const rowsToAdd of batches(add)) {
    run(database, query.insertInto('chronology_entry_person').values(rowsToAdd));
  }
  return add.length;
}

/**
 * The reviewer sets who an entry is about: a person they unlink is remembered as
 * removed, one they link is theirs (and any earlier removal forgotten). A person
 * from another review is refused.
 */
export function setEntryPeople(
  database: Database,
  reviewId: string,
  entryId: string,
  personIds: readonly string[],
  now: string = new Date().toISOString(),
): void {
  const inReview = new Set(
    all(database, query.selectFrom('person').select('id').where('review_id', '=', reviewId)).map((row) => row.id),
  );
  for (const personId of personIds) {
    if (!inReview.has(personId)) throw new CasebookError('invalid_payload', `person ${personId} is not in this review`);
  }
  const current = all(
    database,
    query.selectFrom('chronology_entry_person').select('person_id').where('entry_id', '=', entryId),
  ).map((row) => row.person_id);
  const keep = new Set(personIds);
  for (const personId of current.filter((id) => !keep.has(id))) {
    run(
      database,
      query.deleteFrom('chronology_entry_person').where('entry_id', '=', entryId).where('person_id', '=', personId),
    );
    run(
      database,
      query
        .insertInto('chronology_entry_person_removed')
        .values({ entry_id: entryId, person_id: personId, removed_at: now })
        .onConflict((conflict) => conflict.doNothing()),
    );
  }
  for (const personId of personIds.filter((id) => !current.includes(id))) {
    run(
      database,
      query.insertInto('chronology_entry_person').values({ entry_id: entryId, person_id: personId, found_in_text: 0 }),
    );
    run(
      database,
      query
        .deleteFrom('chronology_entry_person_removed')
        .where('entry_id', '=', entryId)
        .where('person_id', '=', personId),
    );
  }
}
