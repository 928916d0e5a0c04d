import type { z } from 'zod';
import type { Channel } from '../../shared/api/channel.js';
import type { EventHub } from '../services/events.js';
import type { ImportEngine } from '../services/import/engine.js';
import type { VaultSession } from '../services/vault-session.js';

/** What every feature's handlers may use. */
export interface AppContext {
  session: VaultSession;
  events: EventHub;
  /** The one import engine: its previews (every kind's) are bounded together and dropped on lock. */
  imports: ImportEngine;
}

type AnyChannel = Channel<z.ZodType, unknown>;

/** One handler per channel of a feature's channel table, typed by its schema and output. */
export type HandlersFor<Channels extends Record<string, AnyChannel>> = {
  [C in keyof Channels]: (
    input: z.output<Channels[C]['input']>,
  ) => Promise<NonNullable<Channels[C]['output']>> | NonNullable<Channels[C]['output']>;
};
