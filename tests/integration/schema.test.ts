import { join } from 'node:path';
import { expect, it } from 'vitest';
import { vaultColumns } from '../../db/schema.js';
import { Vault } from '../../db/vault.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

/**
 * The interfaces in db/schema/ type every query; the migrations make the tables.
 * The compiler holds each interface to its column list (db/schema/columns.ts);
 * this test holds the column lists to a fresh vault, so neither side can change alone.
 */
it('every table of a fresh vault has exactly the columns, types and nullability its schema interface says', async () => {
  const { vault } = await Vault.create(join(tempDirectory(), 'fresh.vault'), PASSPHRASE, { scrypt: FAST_SCRYPT });
  try {
    const tables = (
      vault.database
        .prepare(
          "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((table) => table.name);
    // FTS5's virtual table and its shadow tables are not ordinary tables: queried only through MATCH.
    expect(tables).toEqual(Object.keys(vaultColumns).sort());

    for (const table of tables) {
      const columns = vault.database.prepare(`SELECT * FROM pragma_table_xinfo(?)`).all(table) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      // A PRIMARY KEY column is the row's identity, never written null, so it reads as not null.
      const inVault = Object.fromEntries(
        columns.map((column) => [
          column.name,
          `${column.type.toLowerCase()}${column.notnull === 1 || column.pk > 0 ? '' : ' | null'}`,
        ]),
      );
      expect(inVault, table).toEqual(vaultColumns[table as keyof typeof vaultColumns]);
    }
  } finally {
    vault.close();
  }
});
