import {
  extraNonWorkingDaysSchema,
  IDLE_LOCK_MINUTES,
  PROTECTIVE_MARKING_DEFAULT,
  type Settings,
} from '../shared/api/contract.js';
import { FORM_DUE_DAYS, OPEN_CASE_DAYS } from '../shared/cdop/pathway.js';
import { writeAudited } from './audit.js';
import { all, type Database, first, query, run } from './query.js';

/** Settings live inside the vault: even a reviewer's name is personal data. */
export function readSettings(database: Database, fallbackReviewerName: string): Settings {
  const stored = new Map(
    all(database, query.selectFrom('setting').selectAll()).map((row) => [row.key, JSON.parse(row.value) as unknown]),
  );
  const reviewerName = stored.get('reviewerName');
  const text = (key: string, fallback: string): string => {
    const value = stored.get(key);
    return typeof value === 'string' ? value : fallback;
  };
  const number = (key: string, fallback: number): number => {
    const value = stored.get(key);
    return typeof value === 'number' ? value : fallback;
  };
  return {
    reviewerName: typeof reviewerName === 'string' ? reviewerName : fallbackReviewerName,
    idleLockMinutes: number('idleLockMinutes', IDLE_LOCK_MINUTES.default),
    cdopFormDueDays: number('cdopFormDueDays', FORM_DUE_DAYS.default),
    cdopOpenCaseDays: number('cdopOpenCaseDays', OPEN_CASE_DAYS.default),
    extraNonWorkingDays: storedExtraNonWorkingDays(stored.get('extraNonWorkingDays')),
    protectiveMarking: text('protectiveMarking', PROTECTIVE_MARKING_DEFAULT),
    boardName: text('boardName', ''),
  };
}

/** The reviewer's own non-working days, which every working-day deadline skips. */
export function readExtraNonWorkingDays(database: Database): string[] {
  const row = first(database, query.selectFrom('setting').select('value').where('key', '=', 'extraNonWorkingDays'));
  return storedExtraNonWorkingDays(row ? (JSON.parse(row.value) as unknown) : undefined);
}

// Stored through the same schema the channel checks, so anything else reads as none.
function storedExtraNonWorkingDays(value: unknown): string[] {
  const parsed = extraNonWorkingDaysSchema.safeParse(value ?? []);
  return parsed.success ? parsed.data : [];
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
