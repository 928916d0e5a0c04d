import type { Selectable } from 'kysely';

/**
 * Each table's columns as data, so a test can compare them with the vault
 * (tests/integration/schema.test.ts reads `PRAGMA table_xinfo` of a fresh vault).
 * `satisfies ColumnsOf<...>` makes the compiler hold the data to the interfaces:
 * a column missing from either, or one whose type disagrees ('text' for a string,
 * 'integer' or 'real' for a number, ' | null' when it may be null), does not compile.
 * So the interfaces Kysely types queries with cannot drift from the migrations.
 */
type StorageOf<Value> =
  NonNullable<Value> extends string ? 'text' : NonNullable<Value> extends number ? 'integer' | 'real' : never;

export type ColumnSpec<Value> = null extends Value ? `${StorageOf<Value>} | null` : StorageOf<Value>;

export type ColumnsOf<Tables> = {
  [Table in keyof Tables]: {
    [Column in keyof Selectable<Tables[Table]>]-?: ColumnSpec<Selectable<Tables[Table]>[Column]>;
  };
};
