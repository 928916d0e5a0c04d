import { recentAudit, verifyAuditChain } from '../../db/audit.js';
import { checkPages } from '../../db/connection.js';
import { readSettings, updateSettings } from '../../db/settings.js';
import { defaultActor } from '../../db/vault.js';
import type { vaultChannels } from '../../shared/api/channels/vault.js';
import type { AppContext, HandlersFor } from './types.js';

export function vaultHandlers({ session }: AppContext): HandlersFor<typeof vaultChannels> {
  return {
    'vault.status': () => session.status(),
    'vault.create': async ({ passphrase, reviewerName }) => ({
      recoveryKey: await session.create(passphrase, reviewerName),
    }),
    'vault.unlock': async (secret) => {
      await session.unlock(secret);
      return session.status();
    },
    'vault.lock': async () => {
      // After any import in progress, and after the requests that came before this one.
      await session.whenFree();
      session.lock('user');
      return session.status();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await session.current().changePassphrase(current, next);
      return session.status();
    },
    // Exclusive: the re-encryption rewrites the whole database, so nothing else may write meanwhile.
    'vault.rekey': async ({ current, next }) => ({
      recoveryKey: await session.exclusive((vault) => vault.rekey(current, next)),
    }),
    'vault.replaceRecoveryKey': async ({ current }) => ({
      recoveryKey: await session.current().replaceRecoveryKey(current),
    }),
    'vault.verifyAudit': () => {
      const { database } = session.current();
      checkPages(database);
      return verifyAuditChain(database);
    },
    'vault.backups': () => session.backups(),
    'vault.backupNow': () => session.backupNow(),
    'vault.restore': async ({ backup, ...secret }) => {
      const { previous } = await session.restore(backup, secret);
      return { ...session.status(), previous };
    },
    'session.activity': () => {
      session.current();
      return { ok: true as const };
    },
    'audit.recent': ({ limit }) => recentAudit(session.current().database, limit),
    'settings.get': () => readSettings(session.current().database, defaultActor()),
    'settings.update': (changes) => {
      const vault = session.current();
      updateSettings(vault.database, vault.actor(), changes);
      session.refreshIdleLock();
      return readSettings(vault.database, defaultActor());
    },
  };
}
