import { create } from 'zustand';
import type { VaultStatus } from '../../../shared/api/contract.js';
import { call, errorMessage } from '../api/client.js';

/**
 * Session and vault state. `phase` decides which screen the app shows:
 * - loading: asking `vault.status`
 * - absent / locked / unlocked: the vault's state
 * - recoveryKey: a recovery key is on screen, shown once: the vault was just
 *   created, re-keyed, or given a new recovery key
 * - unauthorised: the web host refused this tab's token
 * - unavailable: the main process could not be reached
 */
export type Phase = 'loading' | 'absent' | 'locked' | 'unlocked' | 'recoveryKey' | 'unauthorised' | 'unavailable';

interface SessionState {
  phase: Phase;
  vaultPath: string;
  /** The idle-lock period in force when last unlocked: used to explain an idle lock. */
  idleLockMinutes: number | null;
  unlockedWithRecoveryKey: boolean;
  /** Shown on the unlock screen after an automatic lock. */
  lockNotice: string | null;
  /** Held in memory only while the recovery-key screen shows it; cleared on Continue. */
  recoveryKey: string | null;
  /** The key on screen replaces an earlier one, which no longer opens the vault. */
  recoveryKeyReplaced: boolean;
  unavailableMessage: string | null;
}

const initialState: SessionState = {
  phase: 'loading',
  vaultPath: '',
  idleLockMinutes: null,
  unlockedWithRecoveryKey: false,
  lockNotice: null,
  recoveryKey: null,
  recoveryKeyReplaced: false,
  unavailableMessage: null,
};

export const useSession = create<SessionState>()(() => initialState);

function applyStatus(status: VaultStatus): void {
  useSession.setState((state) => ({
    phase: status.state,
    vaultPath: status.path,
    idleLockMinutes: status.idleLockMinutes ?? state.idleLockMinutes,
    unlockedWithRecoveryKey: status.state === 'unlocked' && status.unlockedWithRecoveryKey,
    recoveryKey: null,
    lockNotice: status.state === 'unlocked' ? null : state.lockNotice,
  }));
}

export async function refreshStatus(): Promise<void> {
  try {
    applyStatus(await call('vault.status', {}));
  } catch (error) {
    if (useSession.getState().phase === 'unauthorised') return;
    useSession.setState({ phase: 'unavailable', unavailableMessage: errorMessage(error) });
  }
}

/** Creates the vault and keeps the recovery key on screen until the person confirms they have stored it. */
export async function createVault(passphrase: string, reviewerName: string): Promise<void> {
  const { recoveryKey } = await call('vault.create', { passphrase, reviewerName });
  useSession.setState({ phase: 'recoveryKey', recoveryKey, recoveryKeyReplaced: false, lockNotice: null });
}

/** After a re-key or a new recovery key: shows it once, as at creation, until the person confirms they stored it. */
function showNewRecoveryKey(recoveryKey: string): void {
  useSession.setState({ phase: 'recoveryKey', recoveryKey, recoveryKeyReplaced: true, lockNotice: null });
}

/** A new recovery key in place of the old one, shown once. */
export async function replaceRecoveryKey(current: string): Promise<void> {
  showNewRecoveryKey((await call('vault.replaceRecoveryKey', { current })).recoveryKey);
}

/** A new data key, the whole vault re-encrypted, a new passphrase and recovery key (shown once). */
export async function rekeyVault(current: string, next: string): Promise<void> {
  showNewRecoveryKey((await call('vault.rekey', { current, next })).recoveryKey);
}

export async function finishCreate(): Promise<void> {
  useSession.setState({ recoveryKey: null, recoveryKeyReplaced: false });
  await refreshStatus();
}

export async function unlockVault(input: { passphrase: string } | { recoveryKey: string }): Promise<void> {
  applyStatus(await call('vault.unlock', input));
}

/** The vault's automatic backups, listed while locked: offered when the vault will not open. */
export async function listBackups() {
  return call('vault.backups', {});
}

/** Replaces the vault with one of its backups and opens it; the replaced vault is kept beside it. */
export async function restoreBackup(
  backup: string,
  secret: { passphrase: string } | { recoveryKey: string },
): Promise<string | null> {
  const { previous, ...status } = await call('vault.restore', { backup, ...secret });
  applyStatus(status);
  return previous;
}

/** Work that must finish before the vault locks: text typed but not yet saved. */
const beforeLock = new Set<() => Promise<void>>();
/** How long a lock waits for that work: a lock that hung on a stuck save would leave the vault open. */
const BEFORE_LOCK_MS = 3000;

export function finishBeforeLock(work: () => Promise<void>): () => void {
  beforeLock.add(work);
  return () => beforeLock.delete(work);
}

export async function lockVault(): Promise<void> {
  await Promise.race([
    Promise.allSettled([...beforeLock].map((work) => work())),
    new Promise((done) => setTimeout(done, BEFORE_LOCK_MS)),
  ]);
  try {
    applyStatus(await call('vault.lock', {}));
  } catch {
    // Whatever happened, show the unlock screen; the status call will correct it if needed.
    await refreshStatus();
  }
  useSession.setState({ lockNotice: null });
}

/** The vault was locked elsewhere (idle timer, another window, a refused call). */
export function markLocked(reason: 'user' | 'idle' | 'refused'): void {
  const state = useSession.getState();
  const open = state.phase === 'unlocked' || state.phase === 'recoveryKey';
  // An idle lock may be reported after a refused call already showed the unlock screen: say why.
  if (!open && !(reason === 'idle' && state.phase === 'locked')) return;
  const minutes = state.idleLockMinutes;
  const lockNotice =
    reason === 'idle'
      ? minutes
        ? `Locked after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} of inactivity.`
        : 'Locked after a period of inactivity.'
      : reason === 'refused'
        ? 'The vault was locked. Unlock it to carry on.'
        : null;
  useSession.setState({ phase: 'locked', lockNotice, recoveryKey: null, unlockedWithRecoveryKey: false });
}

export function markUnauthorised(): void {
  useSession.setState({ phase: 'unauthorised' });
}

export function statusChanged(status: VaultStatus): void {
  applyStatus(status);
}

export function setIdleLockMinutes(minutes: number): void {
  useSession.setState({ idleLockMinutes: minutes });
}
