import { existsSync } from 'node:fs';
import { readSettings } from '../../db/settings.js';
import { defaultActor, Vault, type VaultOptions, type VaultSecret } from '../../db/vault.js';
import type { VaultStatus } from '../../shared/api/contract.js';
import { CasebookError } from '../../shared/api/errors.js';
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

  async create(passphrase: string): Promise<string> {
    this.lock('user');
    const { vault, recoveryKey } = await Vault.create(this.path, passphrase, this.options);
    this.opened(vault);
    return recoveryKey;
  }

  async unlock(secret: VaultSecret): Promise<void> {
    if (this.vault) return;
    this.opened(await Vault.unlock(this.path, secret, this.options));
  }

  lock(reason: 'user' | 'idle'): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
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

  private opened(vault: Vault): void {
    this.vault = vault;
    this.refreshIdleLock();
  }
}
