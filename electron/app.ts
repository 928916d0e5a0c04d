import type { VaultOptions } from '../db/vault.js';
import type { ApiResult } from '../shared/api/errors.js';
import { createHandlers, dispatch } from './api.js';
import { EventHub } from './services/events.js';
import { ImportEngine } from './services/import/engine.js';
import { VaultSession } from './services/vault-session.js';

/** One running Casebook: a vault session, its events and the handler table. Each shell makes one. */
export interface CasebookApp {
  session: VaultSession;
  events: EventHub;
  invoke(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  close(): void;
}

export function createCasebookApp(vaultPath: string, options: VaultOptions = {}): CasebookApp {
  const events = new EventHub();
  const session = new VaultSession(vaultPath, events, options);
  const imports = new ImportEngine();
  // A held preview is case data in memory: it goes when the vault locks, like everything else.
  events.subscribe((event) => {
    if (event.name === 'vault.locked') imports.clear();
  });
  const handlers = createHandlers({ session, events, imports });
  return {
    session,
    events,
    invoke: (channel, payload) => dispatch(handlers, session, channel, payload),
    close: () => session.lock('user'),
  };
}
