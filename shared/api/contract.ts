import type { z } from 'zod';
import { analysisChannels } from './channels/analysis.js';
import { analysisDiagramChannels } from './channels/analysis-diagram.js';
import { cdopChannels } from './channels/cdop.js';
import { cdopPathwayChannels } from './channels/cdop-pathway.js';
import { chronologyChannels } from './channels/chronology.js';
import { chronologyAnalysisChannels } from './channels/chronology-analysis.js';
import type { ImportEvents } from './channels/import.js';
import { reportProseChannels } from './channels/report-prose.js';
import { type ReportEvents, reportsChannels } from './channels/reports.js';
import { reviewsChannels } from './channels/reviews.js';
import { vaultChannels } from './channels/vault.js';
import type { ApiResult } from './errors.js';

export type { Channel } from './channel.js';
export * from './channels/analysis.js';
export * from './channels/analysis-diagram.js';
export * from './channels/cdop.js';
export * from './channels/cdop-pathway.js';
export * from './channels/chronology.js';
export * from './channels/chronology-analysis.js';
export * from './channels/import.js';
export * from './channels/report-prose.js';
export * from './channels/reports.js';
export * from './channels/reviews.js';
export * from './channels/vault.js';

/**
 * The one API contract: every channel of every feature. Each shell (Electron IPC,
 * the loopback web host) speaks these channels; the handler table in
 * `electron/api.ts` must implement exactly these keys (the compiler checks).
 * A feature adds its channels in `shared/api/channels/<feature>.ts` and spreads them here.
 */
export const contract = {
  ...vaultChannels,
  ...reviewsChannels,
  ...chronologyChannels,
  ...chronologyAnalysisChannels,
  ...cdopChannels,
  ...cdopPathwayChannels,
  ...analysisChannels,
  ...reportProseChannels,
  ...reportsChannels,
  ...analysisDiagramChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = NonNullable<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}

// ---- events (main -> renderer) -------------------------------------------------

export interface EventMap extends ImportEvents, ReportEvents {
  'vault.locked': { reason: 'user' | 'idle' };
}
export type EventName = keyof EventMap;
export type CasebookEvent = { [E in EventName]: { name: E; payload: EventMap[E] } }[EventName];

/** What the renderer sees, whichever shell it runs in (the preload or the web host client). */
export interface CasebookBridge {
  invoke(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: CasebookEvent) => void): () => void;
}
