import { CasebookError, vaultDamagedMessage } from '../shared/api/errors.js';
import { APP_VERSION } from '../shared/version.js';
import { type Migration, migrations } from './migrations/index.js';
import { all, type Database, query, run } from './query.js';

export const LATEST_SCHEMA = migrations.at(-1)?.name ?? 'none';

/**
 * Brings the vault up to this version's schema, each migration in its own
 * transaction (so a crash leaves the vault at the previous migration, never half
 * of one). Only a new vault (`newVault`) may start without a schema: an existing
 * one without it was emptied or replaced, and rebuilding it would call a lost
 * vault intact. `until` stops after the named migration (the migration tests
 * build a vault as an older version left it).
 */
export function migrate(
  database: Database,
  now: () => Date = () => new Date(),
  { newVault = false, until = LATEST_SCHEMA }: { newVault?: boolean; until?: string } = {},
): { applied: string[] } {
  if (newVault) {
    // The runner's own table, made before any migration; DDL is SQL text here as in every migration.
    database.exec(`CREATE TABLE schema_migration (
      name TEXT PRIMARY KEY,
      applied_at TEXT NOT NULL,
      applied_by_version TEXT NOT NULL
    ) STRICT`);
  }
  const applied: string[] = [];
  for (const migration of pendingMigrations(database)) {
    if (migration.name > until) break;
    database
      .transaction(() => {
        migration.up(database);
        run(
          database,
          query
            .insertInto('schema_migration')
            .values({ name: migration.name, applied_at: now().toISOString(), applied_by_version: APP_VERSION }),
        );
      })
      .immediate();
    applied.push(migration.name);
  }
  return { applied };
}

/**
 * The migrations this vault still needs (none, once this version has opened it
 * to write). A vault that has a migration this version does not know was written
 * by a newer Casebook: refuse it rather than guess.
 */
export function pendingMigrations(database: Database): Migration[] {
  // sqlite_master is SQLite's catalogue, outside the Kysely schema.
  const hasSchema = database
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'")
    .get();
  if (!hasSchema) {
    throw new CasebookError(
      'vault_damaged',
      vaultDamagedMessage("the vault file decrypts but holds none of Casebook's tables (it was emptied or replaced)"),
    );
  }
  const done = all(database, query.selectFrom('schema_migration').selectAll().orderBy('name'));
  const known = new Set(migrations.map((migration) => migration.name));
  const unknown = done.filter((row) => !known.has(row.name));
  if (unknown.length > 0) {
    const newest = unknown.at(-1);
    throw new CasebookError(
      'vault_too_new',
      `This vault was written by Casebook ${newest?.applied_by_version} (schema ${newest?.name}); ` +
        `this is Casebook ${APP_VERSION} (schema ${LATEST_SCHEMA}). Install Casebook ${newest?.applied_by_version} or later to open it.`,
    );
  }
  const doneNames = new Set(done.map((row) => row.name));
  return migrations.filter((migration) => !doneNames.has(migration.name));
}
