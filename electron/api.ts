import { z } from 'zod';
import { explainFailure } from '../db/failures.js';
import { type Contract, contract, isChannelName } from '../shared/api/contract.js';
import { type ApiResult, CasebookError } from '../shared/api/errors.js';
import { analysisHandlers } from './handlers/analysis.js';
import { analysisDiagramHandlers } from './handlers/analysis-diagram.js';
import { cdopHandlers } from './handlers/cdop.js';
import { cdopPathwayHandlers } from './handlers/cdop-pathway.js';
import { chronologyHandlers } from './handlers/chronology.js';
import { chronologyAnalysisHandlers } from './handlers/chronology-analysis.js';
import { reportProseHandlers } from './handlers/report-prose.js';
import { reportsHandlers } from './handlers/reports.js';
import { reviewsHandlers } from './handlers/reviews.js';
import type { AppContext, HandlersFor } from './handlers/types.js';
import { vaultHandlers } from './handlers/vault.js';
import type { VaultSession } from './services/vault-session.js';

/**
 * The handler table: one entry per channel of the contract, assembled from each
 * feature's handlers (the type makes a missing or extra channel a compile error).
 * Every shell calls `dispatch`, which validates the payload against the channel's
 * schema before any handler runs.
 */
export type Handlers = HandlersFor<Contract>;

export function createHandlers(context: AppContext): Handlers {
  return {
    ...vaultHandlers(context),
    ...reviewsHandlers(context),
    ...chronologyHandlers(context),
    ...chronologyAnalysisHandlers(context),
    ...cdopHandlers(context),
    ...cdopPathwayHandlers(context),
    ...analysisHandlers(context),
    ...reportProseHandlers(context),
    ...reportsHandlers(context),
    ...analysisDiagramHandlers(context),
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
    if (definition.requiresUnlocked) {
      // Never run inside another request's long write (an import in progress).
      await session.whenFree();
      session.current();
    }
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    // A busy, damaged or full vault is the reviewer's to know about, in plain words.
    const explained = explainFailure(error);
    if (explained) return { ok: false, error: explained.toBody() };
    // Unexpected failures are logged here in full and answered without internals.
    console.error(`casebook: ${channel} failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Casebook; nothing was changed.' },
    };
  }
}
