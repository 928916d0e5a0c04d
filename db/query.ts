import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  type Compilable,
  DummyDriver,
  type Insertable,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import type { VaultTables } from './schema.js';

/**
 * The one way db/ reads and writes the vault: Kysely builds typed SQL, better-sqlite3
 * runs it synchronously. Keeping execution synchronous means a transaction is a plain
 * function (`database.transaction(fn)`): nothing can interleave with it, and an
 * exception anywhere rolls all of it back. Raw SQL appears only where Kysely has no
 * words for it (FTS5's MATCH, INDEXED BY, COLLATE), each with a one-line reason.
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

/**
 * Prepared once per open database and SQL text: compiling a statement can cost as much
 * as running it (search, an import's per-agency lookups). Bounded, because IN lists of
 * varying length make distinct texts.
 */
const statements = new WeakMap<Database, Map<string, BetterSqlite3.Statement>>();
const MAX_STATEMENTS = 200;

export function prepare(database: Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(database);
  if (!cache) {
    cache = new Map();
    statements.set(database, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = database.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

export function all<Row>(database: Database, built: Compilable<Row>): Row[] {
  const compiled = built.compile();
  return prepare(database, compiled.sql).all(...(compiled.parameters as unknown[])) as Row[];
}

export function first<Row>(database: Database, built: Compilable<Row>): Row | undefined {
  const compiled = built.compile();
  return prepare(database, compiled.sql).get(...(compiled.parameters as unknown[])) as Row | undefined;
}

export function run(database: Database, built: Compilable<unknown>): BetterSqlite3.RunResult {
  const compiled = built.compile();
  return prepare(database, compiled.sql).run(...(compiled.parameters as unknown[]));
}

/**
 * An INSERT of the given columns compiled once, for writing many rows (an import):
 * each call binds one row's values in the columns' order. Typed like
 * `query.insertInto(table).values(row)`.
 */
export function insertRows<T extends keyof VaultTables, C extends keyof Insertable<VaultTables[T]>>(
  database: Database,
  table: T,
  columns: readonly C[],
  options: { onConflictDoNothing?: boolean } = {},
): (row: Pick<Insertable<VaultTables[T]>, C>) => BetterSqlite3.RunResult {
  const placeholders = Object.fromEntries(columns.map((column) => [column, null]));
  const insert = query.insertInto(table).values(placeholders as never);
  const built = options.onConflictDoNothing ? insert.onConflict((conflict) => conflict.doNothing()) : insert;
  const statement = prepare(database, built.compile().sql);
  const values: unknown[] = new Array(columns.length);
  return (row) => {
    for (let index = 0; index < columns.length; index += 1) values[index] = row[columns[index] as C];
    return statement.run(values);
  };
}

/** `column COLLATE NOCASE` (ASCII letters fold, as the NOCASE indexes do): Kysely has no COLLATE. */
export function nocase(column: string) {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`;
}
