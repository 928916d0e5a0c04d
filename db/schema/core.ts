import type { Generated } from 'kysely';
import type { ColumnsOf } from './columns.js';

/** The vault itself: metadata, migrations, the audit log, settings. */

export interface VaultMetaTable {
  key: string;
  value: string;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: string;
  applied_by_version: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: string | null;
  action: string;
  /** JSON, never personal details: ids and counts, not names. */
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  /** JSON. */
  value: string;
}

export interface CoreTables {
  vault_meta: VaultMetaTable;
  schema_migration: SchemaMigrationTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const coreColumns = {
  vault_meta: {
    key: 'text',
    value: 'text',
  },
  schema_migration: {
    name: 'text',
    applied_at: 'text',
    applied_by_version: 'text',
  },
  audit_log: {
    seq: 'integer',
    at: 'text',
    actor: 'text',
    entity: 'text',
    entity_id: 'text | null',
    action: 'text',
    detail: 'text | null',
    prev_hash: 'text',
    hash: 'text',
  },
  setting: {
    key: 'text',
    value: 'text',
  },
} satisfies ColumnsOf<CoreTables>;
