import type { Generated } from 'kysely';

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
