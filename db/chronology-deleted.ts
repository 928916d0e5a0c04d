import type { DeletedEntry } from '../shared/api/channels/chronology.js';
import { CasebookError } from '../shared/api/errors.js';
import { type DatePrecision, type DateQualifier, formatFuzzyDate } from '../shared/dates/fuzzy-date.js';
import { getEntry, indexNewEntries } from './chronology.js';
import { all, type Database, first, prepare, query, run } from './query.js';
import { ensureAgency, requireOpenReview, requireReview } from './reviews.js';
import type { VaultWriter } from './vault.js';

/**
 * Deleting and restoring chronology entries, one at a time or a whole import.
 *
 * A deleted entry moves to `chronology_entry_deleted` whole (migration 0008): its
 * row and the rows of every table that points at it, found from the schema's
 * foreign keys so a link table added later is kept too. Restoring puts them back
 * with the entry's own id and number; a link whose other end has gone since (a
 * person removed, the other entry of a duplicate pair deleted) is not restored.
 * Raw SQL here: the tables are named at run time, from the schema.
 */

type Row = Record<string, unknown>;

interface Snapshot {
  entry: Row;
  agencyName: string;
  links: Record<string, Row[]>;
}

/** Every (table, column) whose foreign key points at chronology_entry.id. */
function linkColumns(database: Database): { table: string; column: string }[] {
  return prepare(
    database,
    `SELECT m.name AS "table", f."from" AS "column"
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'chronology_entry' AND f."to" = 'id'`,
  ).all() as { table: string; column: string }[];
}

/** Moves entries out of the chronology, keeping each whole; call inside a write. */
function moveToDeleted(
  database: Database,
  ids: readonly string[],
  reason: 'deleted' | 'import-removed',
  actor: string,
): void {
  const links = linkColumns(database);
  const readEntry = prepare(
    database,
    'SELECT e.*, a.name AS agency_name FROM chronology_entry e JOIN review_agency a ON a.id = e.agency_id WHERE e.id = ?',
  );
  const readLinks = links.map(({ table, column }) => ({
    table,
    statement: prepare(database, `SELECT * FROM "${table}" WHERE "${column}" = ?`),
  }));
  const now = new Date().toISOString();
  for (const id of ids) {
    const { seq: _seq, agency_name, ...entry } = readEntry.get(id) as Row & { seq: number; agency_name: string };
    const linked: Record<string, Row[]> = {};
    for (const { table, statement } of readLinks) {
      const rows = statement.all(id) as Row[];
      if (rows.length > 0) linked[table] = [...(linked[table] ?? []), ...rows];
    }
    const snapshot: Snapshot = { entry, agencyName: agency_name, links: linked };
    run(
      database,
      query.insertInto('chronology_entry_deleted').values({
        id,
        review_id: entry.review_id as string,
        ref: entry.ref as number,
        import_id: entry.import_id as string | null,
        reason,
        deleted_at: now,
        deleted_by: actor,
        snapshot: JSON.stringify(snapshot),
      }),
    );
    run(database, query.deleteFrom('chronology_entry').where('id', '=', id));
  }
}

function insertRow(database: Database, table: string, row: Row): void {
  const columns = Object.keys(row);
  prepare(
    database,
    `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map((column) => row[column]));
}

/** The columns a table has now: a snapshot taken before a later migration may lack or hold others. */
function columnsOf(database: Database, table: string): Set<string> {
  const rows = prepare(database, 'SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
  return new Set(rows.map((row) => row.name));
}

function keepColumns(row: Row, columns: Set<string>): Row {
  return Object.fromEntries(Object.entries(row).filter(([column]) => columns.has(column)));
}

export function deleteEntry(vault: VaultWriter, id: string): { ref: number; reviewId: string } {
  const entry = getEntry(vault.database, id);
  vault.write(
    {
      entity: 'chronology_entry',
      entityId: id,
      action: 'deleted',
      detail: { reviewId: entry.reviewId, ref: entry.ref },
    },
    () => {
      requireOpenReview(vault.database, entry.reviewId);
      moveToDeleted(vault.database, [id], 'deleted', vault.actor());
    },
  );
  return { ref: entry.ref, reviewId: entry.reviewId };
}

/** Puts a deleted entry back, with its id, number and the links that can still be made. */
export function restoreEntry(vault: VaultWriter, id: string) {
  const { database } = vault;
  const deleted = first(database, query.selectFrom('chronology_entry_deleted').selectAll().where('id', '=', id));
  if (!deleted) throw new CasebookError('not_found', `deleted chronology entry not found: ${id}`);
  const snapshot = JSON.parse(deleted.snapshot) as Snapshot;
  vault.write(
    {
      entity: 'chronology_entry',
      entityId: id,
      action: 'restored',
      detail: { reviewId: deleted.review_id, ref: deleted.ref },
    },
    () => {
      requireOpenReview(database, deleted.review_id);
      // The agency may have been taken off the review while the entry was deleted.
      const agency = ensureAgency(database, deleted.review_id, snapshot.agencyName);
      const entry = {
        ...keepColumns(snapshot.entry, columnsOf(database, 'chronology_entry')),
        agency_id: agency.id,
        // Its number as the deleted list shows it: a Renumber since may have changed it.
        ref: deleted.ref,
      };
      indexNewEntries(database, () => insertRow(database, 'chronology_entry', entry));
      for (const [table, rows] of Object.entries(snapshot.links)) {
        const columns = columnsOf(database, table);
        if (columns.size === 0) continue;
        for (const row of rows) {
          try {
            insertRow(database, table, keepColumns(row, columns));
          } catch (error) {
            // A link whose other end has gone: the statement fails alone, the restore goes on.
            if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT'))) {
              throw error;
            }
          }
        }
      }
      run(database, query.deleteFrom('chronology_entry_deleted').where('id', '=', id));
    },
  );
  return getEntry(database, id);
}

/** A review's deleted entries, by number, for the reviewer to restore from. */
export function listDeleted(database: Database, reviewId: string): DeletedEntry[] {
  requireReview(database, reviewId);
  const rows = all(
    database,
    query.selectFrom('chronology_entry_deleted').selectAll().where('review_id', '=', reviewId).orderBy('ref'),
  );
  return rows.map((row) => {
    const { entry, agencyName } = JSON.parse(row.snapshot) as Snapshot;
    return {
      id: row.id,
      ref: row.ref,
      agency: agencyName,
      date: formatFuzzyDate({
        precision: entry.date_precision as DatePrecision,
        qualifier: entry.date_qualifier as DateQualifier,
        start: entry.date_start as string,
        end: entry.date_end as string | null,
        text: entry.date_text as string,
      }),
      event: entry.event as string,
      reason: row.reason as DeletedEntry['reason'],
      deletedAt: row.deleted_at,
      deletedBy: row.deleted_by,
    };
  });
}

/** Removes an import: its entries that are still in the chronology move to the deleted entries. */
export function removeImport(vault: VaultWriter, importId: string): { removed: number } {
  const { database } = vault;
  const found = first(database, query.selectFrom('chronology_import').selectAll().where('id', '=', importId));
  if (!found || found.removed_at !== null) throw new CasebookError('not_found', `import not found: ${importId}`);
  return vault.write(
    (result: { removed: number }) => ({
      entity: 'chronology_import',
      entityId: importId,
      action: 'removed',
      detail: { reviewId: found.review_id, entries: result.removed },
    }),
    () => removeImportInside(vault, importId),
  );
}

/** The removal itself, inside a write: also how an import replaces the earlier one. */
export function removeImportInside(vault: VaultWriter, importId: string): { removed: number } {
  const { database } = vault;
  const found = first(database, query.selectFrom('chronology_import').selectAll().where('id', '=', importId));
  if (!found || found.removed_at !== null) throw new CasebookError('not_found', `import not found: ${importId}`);
  requireOpenReview(database, found.review_id);
  const ids = all(database, query.selectFrom('chronology_entry').select('id').where('import_id', '=', importId)).map(
    (row) => row.id,
  );
  moveToDeleted(database, ids, 'import-removed', vault.actor());
  run(
    database,
    query
      .updateTable('chronology_import')
      .set({ removed_at: new Date().toISOString(), removed_by: vault.actor() })
      .where('id', '=', importId),
  );
  return { removed: ids.length };
}
