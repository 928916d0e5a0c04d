import { z } from 'zod';
import { FORM_DUE_DAYS, OPEN_CASE_DAYS } from '../../cdop/pathway.js';
import { channel } from '../channel.js';
import { isoDate } from '../fields.js';

/** The vault, the session lock, the audit log and settings. */

const passphrase = z.string().min(1, 'Enter the passphrase').max(1024);
const empty = z.object({}).strict();

// ---- outputs -----------------------------------------------------------------

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Where the vault file is, so the person knows which vault they are opening. */
  path: string;
  /** Minutes of inactivity before the main process locks the vault; null while locked. */
  idleLockMinutes: number | null;
  /** True when the vault was opened with the recovery key and a new passphrase should be set. */
  unlockedWithRecoveryKey: boolean;
}

export interface VaultCreated {
  /** Shown once, never stored in the clear: the only way in if the passphrase is forgotten. */
  recoveryKey: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first audit entry whose hash chain does not hold, if any. */
  firstBrokenSeq: number | null;
  problem: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string | null;
  action: string;
  /** Ids and counts the change recorded (never names), for describing it in words (shared/audit/describe.ts). */
  detail: Record<string, unknown> | null;
}

/** A backup of the vault: the encrypted database copy and its key file beside it. */
export interface Backup {
  path: string;
  /** The key file beside it (`<backup>.keys`): the backup opens with the passphrase and recovery key of its day. */
  keys: string;
  /** When it was made, ISO 8601. */
  madeAt: string;
  bytes: number;
}

export interface BackupMade extends Backup {
  /** Audit entries it holds; the copy was opened and its chain checked before it counted. */
  auditEntries: number;
  pages: number;
}

export interface Backups {
  /** Where the automatic backups are kept: a folder beside the vault. */
  folder: string;
  /** Newest first. */
  backups: Backup[];
  /** Why the last automatic backup failed, until one succeeds. */
  problem: string | null;
}

export interface Settings {
  /** Name recorded as "who" in the audit log. */
  reviewerName: string;
  idleLockMinutes: number;
  /**
   * Days the reviewer does not work besides weekends and the bank holidays of
   * England and Wales (a local closure, a year not yet in the list), YYYY-MM-DD,
   * sorted: working-day deadlines skip them.
   */
  extraNonWorkingDays: string[];
  /** Child deaths: calendar days an agency has to return its reporting form, unless a form has its own due date. */
  cdopFormDueDays: number;
  /** Child deaths: an open case notified longer ago than this shows on the work list. */
  cdopOpenCaseDays: number;
  /** Printed at the top and bottom of every page of a Word report (default OFFICIAL-SENSITIVE). */
  protectiveMarking: string;
  /** The safeguarding partnership (or CDOP) a report is written for: its title page names it. */
  boardName: string;
}

export const PROTECTIVE_MARKING_DEFAULT = 'OFFICIAL-SENSITIVE';

/** The reviewer's extra non-working days: real dates, each once; stored sorted. */
export const extraNonWorkingDaysSchema = z
  .array(isoDate('Non-working day'))
  .max(500, 'At most 500 extra non-working days')
  .refine((days) => new Set(days).size === days.length, { message: 'Each non-working day once only' })
  .transform((days) => [...days].sort());

/** The name the audit log records as "who": asked when the vault is created, changed in Settings. */
const reviewerName = z.string().trim().min(1, 'Enter your name').max(200, 'At most 200 characters');

export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

// ---- channels ----------------------------------------------------------------

export const vaultChannels = {
  'vault.status': channel<VaultStatus>()(empty, { requiresUnlocked: false }),
  'vault.create': channel<VaultCreated>()(z.object({ passphrase, reviewerName: reviewerName.optional() }).strict(), {
    requiresUnlocked: false,
  }),
  'vault.unlock': channel<VaultStatus>()(
    z.union([z.object({ passphrase }).strict(), z.object({ recoveryKey: z.string().min(1).max(200) }).strict()]),
    { requiresUnlocked: false },
  ),
  'vault.lock': channel<VaultStatus>()(empty, { requiresUnlocked: false }),
  'vault.changePassphrase': channel<VaultStatus>()(
    z.object({ current: passphrase.describe('current passphrase or recovery key'), next: passphrase }).strict(),
    { requiresUnlocked: true },
  ),
  /**
   * After a suspected compromise: a new data key, the database re-encrypted, the new
   * passphrase and a new recovery key (returned, to show once). Older copies of the
   * key file, the old passphrase and the old recovery key stop opening the vault.
   */
  'vault.rekey': channel<VaultCreated>()(
    z.object({ current: passphrase.describe('current passphrase or recovery key'), next: passphrase }).strict(),
    { requiresUnlocked: true },
  ),
  /** A new recovery key (returned, to show once) in place of the old one. */
  'vault.replaceRecoveryKey': channel<VaultCreated>()(
    z.object({ current: passphrase.describe('current passphrase or recovery key') }).strict(),
    { requiresUnlocked: true },
  ),
  'vault.verifyAudit': channel<AuditVerification>()(empty, { requiresUnlocked: true }),
  /** Listed while locked too: a vault that will not open is where a backup is needed. */
  'vault.backups': channel<Backups>()(empty, { requiresUnlocked: false }),
  'vault.backupNow': channel<BackupMade>()(empty, { requiresUnlocked: true }),
  /**
   * Replaces the vault with one of its automatic backups (by its file name, as listed)
   * and opens it; the vault replaced is kept beside it. The secret must open the backup.
   */
  'vault.restore': channel<VaultStatus & { previous: string | null }>()(
    z.union([
      z.object({ backup: z.string().min(1).max(200), passphrase }).strict(),
      z.object({ backup: z.string().min(1).max(200), recoveryKey: z.string().min(1).max(200) }).strict(),
    ]),
    { requiresUnlocked: false },
  ),
  /** The renderer reports the person is active (throttled); the main process resets its idle timer. */
  'session.activity': channel<{ ok: true }>()(empty, { requiresUnlocked: true }),
  'audit.recent': channel<AuditEntry[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), {
    requiresUnlocked: true,
  }),
  'settings.get': channel<Settings>()(empty, { requiresUnlocked: true }),
  'settings.update': channel<Settings>()(
    z
      .object({
        reviewerName: reviewerName.optional(),
        idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max).optional(),
        extraNonWorkingDays: extraNonWorkingDaysSchema.optional(),
        cdopFormDueDays: z.number().int().min(FORM_DUE_DAYS.min).max(FORM_DUE_DAYS.max).optional(),
        cdopOpenCaseDays: z.number().int().min(OPEN_CASE_DAYS.min).max(OPEN_CASE_DAYS.max).optional(),
        protectiveMarking: z.string().trim().min(1, 'A protective marking is needed').max(60).optional(),
        boardName: z.string().trim().max(200).optional(),
      })
      .strict(),
    { requiresUnlocked: true },
  ),
} as const;
