import { z } from 'zod';
import { recentAudit, verifyAuditChain } from '../db/audit.js';
import { readSettings, updateSettings } from '../db/settings.js';
import { defaultActor } from '../db/vault.js';
import {
  type ChannelName,
  type ChannelOutput,
  contract,
  isChannelName,
  type ParsedInput,
} from '../shared/api/contract.js';
import { type ApiResult, CasebookError } from '../shared/api/errors.js';
import type { VaultSession } from './services/vault-session.js';

/**
 * The handler table: one entry per channel of the contract (the type makes a
 * missing or extra channel a compile error). Every shell calls `dispatch`, which
 * validates the payload against the channel's schema before any handler runs.
 */
export type Handlers = { [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C> };

export interface AppContext {
  session: VaultSession;
}

export function createHandlers({ session }: AppContext): Handlers {
  return {
    'vault.status': () => session.status(),
    'vault.create': async ({ passphrase }) => ({ recoveryKey: await session.create(passphrase) }),
    'vault.unlock': async (secret) => {
      await session.unlock(secret);
      return session.status();
    },
    'vault.lock': () => {
      session.lock('user');
      return session.status();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await session.current().changePassphrase(current, next);
      return session.status();
    },
    'vault.verifyAudit': () => verifyAuditChain(session.current().database),
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

/** Validates, checks the lock, runs the handler; always answers, never throws. */
export async function dispatch(
  handlers: Handlers,
  session: VaultSession,
  channel: string,
  payload: unknown,
): Promise<ApiResult<unknown>> {
  try {
    if (typeof channel !== 'string' || !isChannelName(channel)) {
      throw new CasebookError('unknown_channel', `unknown channel: ${String(channel).slice(0, 100)}`);
    }
    const definition = contract[channel];
    const parsed = definition.input.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new CasebookError(
        'invalid_payload',
        `invalid request to ${channel}: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`,
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    if (definition.requiresUnlocked) session.current();
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof CasebookError) return { ok: false, error: error.toBody() };
    // Unexpected failures are logged here in full and answered without internals.
    console.error(`casebook: ${channel} failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Casebook; nothing was changed.' },
    };
  }
}
