import { IDLE_LOCK_MINUTES, type Settings } from '../shared/api/contract.js';
import { writeAudited } from './audit.js';
import { all, type Database, query, run } from './query.js';

/** Settings live inside the vault: even a reviewer's name is personal data. */
export function readSettings(database: Database, fallbackReviewerName: string): Settings {
  const stored = new Map(
    all(database, query.selectFrom('setting').selectAll()).map((row) => [row.key, JSON.parse(row.value) as unknown]),
  );
  const reviewerName = stored.get('reviewerName');
  const idleLockMinutes = stored.get('idleLockMinutes');
  return {
    reviewerName: typeof reviewerName === 'string' ? reviewerName : fallbackReviewerName,
    idleLockMinutes: typeof idleLockMinutes === 'number' ? idleLockMinutes : IDLE_LOCK_MINUTES.default,
  };
}

export function updateSettings(database: Database, actor: string, changes: Partial<Settings>): void {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  writeAudited(
    database,
    actor,
    { entity: 'settings', action: 'updated', detail: { keys: entries.map(([key]) => key) } },
    () => {
      for (const [key, value] of entries) {
        run(
          database,
          query
            .insertInto('setting')
            .values({ key, value: JSON.stringify(value) })
            .onConflict((conflict) =>
              conflict.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
            ),
        );
      }
    },
  );
}
