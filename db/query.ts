import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { type Compilable, DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { VaultTables } from './schema.js';

/**
 * Kysely builds typed SQL; better-sqlite3 runs it synchronously. Keeping execution
 * synchronous means a transaction is a plain function (`database.transaction(fn)`):
 * nothing can interleave with it, and an exception anywhere rolls all of it back.
 */
export const query = new Kysely<VaultTables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type Database = BetterSqlite3.Database;

export function all<Row>(database: Database, built: Compilable<Row>): Row[] {
  const compiled = built.compile();
  return database.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as Row[];
}

export function first<Row>(database: Database, built: Compilable<Row>): Row | undefined {
  const compiled = built.compile();
  return database.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as Row | undefined;
}

export function run(database: Database, built: Compilable<unknown>): BetterSqlite3.RunResult {
  const compiled = built.compile();
  return database.prepare(compiled.sql).run(...(compiled.parameters as unknown[]));
}
