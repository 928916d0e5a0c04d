import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { automaticBackupName, type Backup, type BackupMade, backupFolder, listBackups } from '../../db/backup.js';
import { readSettings } from '../../db/settings.js';
import { defaultActor, Vault, type VaultOptions, type VaultSecret } from '../../db/vault.js';
import type { VaultStatus } from '../../shared/api/contract.js';
import { CasebookError, WRONG_PASSPHRASE_MESSAGE } from '../../shared/api/errors.js';
import type { EventHub } from './events.js';

/**
 * The one vault a running app has open, and its idle lock. The main process
 * enforces the lock: after `idleLockMinutes` without activity the vault is closed
 * and every data channel answers `locked`, whatever the renderer believes.
 */
export class VaultSession {
  private vault: Vault | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private idleMs = 0;
  /** A long write in progress (an import): other data requests and locking wait for it. */
  private running: Promise<unknown> | null = null;
  private lockWhenDone: 'user' | 'idle' | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  /** Why the last automatic backup failed (a full disk, a read-only folder), until one succeeds. */
  private backupProblem: string | null = null;

  constructor(
    readonly path: string,
    private readonly events: EventHub,
    private readonly options: VaultOptions = {},
  ) {}

  status(): VaultStatus {
    if (this.vault) {
      return {
        state: 'unlocked',
        path: this.path,
        idleLockMinutes: this.idleMs / 60_000,
        unlockedWithRecoveryKey: this.vault.unlockedWith === 'recoveryKey',
      };
    }
    return {
      state: existsSync(this.path) ? 'locked' : 'absent',
      path: this.path,
      idleLockMinutes: null,
      unlockedWithRecoveryKey: false,
    };
  }

  async create(passphrase: string, reviewerName?: string): Promise<string> {
    // Refused (the vault exists, a weak passphrase) before anything is locked.
    const { vault, recoveryKey } = await Vault.create(this.path, passphrase, this.options, reviewerName);
    this.lock('user');
    this.opened(vault);
    return recoveryKey;
  }

  /**
   * Already unlocked (another window or tab did it): the secret is still checked,
   * so a wrong one never answers "unlocked".
   */
  async unlock(secret: VaultSecret): Promise<void> {
    if (this.vault) {
      if (!(await this.vault.opensWith(secret))) throw new CasebookError('wrong_passphrase', WRONG_PASSPHRASE_MESSAGE);
      this.touch();
      return;
    }
    const vault = await Vault.unlock(this.path, secret, this.options);
    // Two unlocks at once: the second to finish closes its copy instead of replacing the first.
    if (this.vault) vault.close();
    else this.opened(vault);
  }

  lock(reason: 'user' | 'idle'): void {
    // Closing the database mid-transaction would abandon the write half-way: lock when it settles.
    if (this.running) {
      this.lockWhenDone = reason;
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
    if (!this.vault) return;
    this.vault.close();
    this.vault = null;
    this.events.emit('vault.locked', { reason });
  }

  /** The unlocked vault, or `locked`. Counts as activity. */
  current(): Vault {
    if (!this.vault) throw new CasebookError('locked', 'The vault is locked. Unlock it to continue.');
    this.touch();
    return this.vault;
  }

  /**
   * Runs a long write with the vault to itself: requests that need the vault wait
   * (see `whenFree`) rather than land inside its transaction, and a lock asked for
   * meanwhile happens once it settles. The work counts as activity.
   */
  async exclusive<T>(work: (vault: Vault) => Promise<T>): Promise<T> {
    await this.whenFree();
    const vault = this.current();
    const running = work(vault);
    this.running = running;
    try {
      return await running;
    } finally {
      this.running = null;
      const pending = this.lockWhenDone;
      this.lockWhenDone = null;
      // A lock the reviewer asked for happens now; an idle lock does not, as the work was activity.
      if (pending === 'user') this.lock('user');
      else this.touch();
    }
  }

  /** Resolves when no long write is running. */
  async whenFree(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Restarts the idle timer; call on every request and on the renderer's activity reports. */
  touch(): void {
    if (!this.vault) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.lock('idle'), this.idleMs);
    this.idleTimer.unref();
  }

  /** Re-reads the idle time after Settings change it. */
  refreshIdleLock(): void {
    if (!this.vault) return;
    this.idleMs = readSettings(this.vault.database, defaultActor()).idleLockMinutes * 60_000;
    this.touch();
  }

  /** The automatic backups (newest first), where they are kept, and the last automatic backup's problem. */
  backups(): { folder: string; backups: Backup[]; problem: string | null } {
    return { folder: backupFolder(this.path), backups: listBackups(this.path), problem: this.backupProblem };
  }

  /** A backup now, into the automatic backups' folder (counted among the ones kept). */
  async backupNow(): Promise<BackupMade> {
    return this.exclusive(async (vault) => {
      const made = vault.backup(join(backupFolder(this.path), automaticBackupName(this.now())));
      this.backupProblem = null;
      return made;
    });
  }

  /**
   * Replaces the vault with one of its automatic backups (named as `backups()` lists
   * them) and opens it. The secret must open the backup; the vault it replaces is kept
   * beside it. Locks first: nothing may be open on the file being replaced.
   */
  async restore(backupName: string, secret: VaultSecret): Promise<{ previous: string | null }> {
    const backup = listBackups(this.path).find((candidate) => basename(candidate.path) === backupName);
    if (!backup) throw new CasebookError('not_found', `there is no backup called ${backupName}`);
    await this.whenFree();
    this.lock('user');
    const { vault, previous } = await Vault.restore(this.path, backup.path, secret, this.options);
    this.opened(vault);
    return { previous };
  }

  /**
   * Daily automatic backups while the vault is open: one soon after unlocking when the
   * newest is a day old, then checked hourly. A failure does not interrupt the
   * reviewer's work; it is kept and shown in Settings until a backup succeeds.
   */
  private backupIfDue(): void {
    if (!this.vault || this.running) return;
    try {
      this.vault.automaticBackup(this.now());
      this.backupProblem = null;
    } catch (error) {
      this.backupProblem = error instanceof Error ? error.message : String(error);
    }
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private opened(vault: Vault): void {
    this.vault = vault;
    this.refreshIdleLock();
    setImmediate(() => this.backupIfDue());
    this.backupTimer = setInterval(() => this.backupIfDue(), 3_600_000);
    this.backupTimer.unref();
  }
}
