import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/build.js';

/**
 * The reliability proof runs at two sizes: `short` inside `npm test` (CI), `long`
 * with `npm run soak` (SOAK_PROFILE=long). The figures each test measures are
 * written to test-results/soak/ and `npm run soak` prints them as one table.
 */
export type SoakProfile = {
  name: 'short' | 'long';
  /** Generated payloads per channel, sent to `dispatch`. */
  payloadsPerChannel: number;
  /** Generated payloads in all, sent through the web host. */
  payloadsThroughHost: number;
  /** Imports killed with SIGKILL at a random moment. */
  importKills: number;
  /** Edits, passphrase changes and exports killed with SIGKILL. */
  otherKills: number;
  /** Rows of the chronology each killed import writes. */
  importRows: number;
  /** Generated or mutated files given to the importers. */
  files: number;
  /** Concurrent callers against the web host, and for how long. */
  loadCallers: number;
  loadSeconds: number;
  badTokenRequests: number;
  /** Damaged vaults restored from a backup. */
  backupRestores: number;
};

const PROFILES: Record<SoakProfile['name'], SoakProfile> = {
  short: {
    name: 'short',
    payloadsPerChannel: 300,
    payloadsThroughHost: 1_000,
    importKills: 20,
    otherKills: 4,
    importRows: 3_000,
    files: 150,
    loadCallers: 20,
    loadSeconds: 5,
    badTokenRequests: 200,
    backupRestores: 4,
  },
  long: {
    name: 'long',
    payloadsPerChannel: 10_000,
    payloadsThroughHost: 10_000,
    importKills: 200,
    otherKills: 60,
    importRows: 20_000,
    files: 2_000,
    loadCallers: 20,
    loadSeconds: 60,
    badTokenRequests: 1_000,
    backupRestores: 40,
  },
};

export const PROFILE: SoakProfile = PROFILES[process.env.SOAK_PROFILE === 'long' ? 'long' : 'short'];

/** A fixed seed per run of a profile, printed so a failure can be replayed (SOAK_SEED=...). */
export const SEED = Number(process.env.SOAK_SEED ?? 20261202);

export type Figure = { label: string; value: number | string };

/** Records one check's figures for the soak table (test-results/soak/<name>.json). */
export function recordFigures(name: string, figures: Figure[]): void {
  const folder = join(ROOT, 'test-results', 'soak');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.json`), `${JSON.stringify({ name, profile: PROFILE.name, figures }, null, 2)}\n`);
}
