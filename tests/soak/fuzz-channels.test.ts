import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import { startWebHost } from '../../electron/web/host.js';
import { type ChannelName, contract } from '../../shared/api/contract.js';
import { type ApiResult, ERROR_CODES } from '../../shared/api/errors.js';
import { answer } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';
import { ROOT } from '../support/build.js';
import { fieldNames, hostileJson, hostilePayload } from './support/hostile.js';
import { PROFILE, recordFigures, SEED } from './support/profile.js';

/**
 * Fuzzing the contract: generated payloads to every channel, at `dispatch` and
 * through the web host. Every refusal must be a structured error a person can read
 * (never `internal`, never the payload echoed back), and a refused payload must
 * write nothing (SQLite's total_changes() on the vault's connection stays put).
 */

const newApp = newVaultAppFactory();

/** Would end or change the session itself when a payload happens to be valid: only invalid ones are sent. */
const SEND_ONLY_INVALID = new Set<string>([
  'vault.lock',
  'vault.create',
  'vault.unlock',
  'vault.rekey',
  'vault.changePassphrase',
  'vault.replaceRecoveryKey',
  'vault.restore',
  'vault.backupNow',
]);

const CODES = new Set<string>(ERROR_CODES);

function totalChanges(app: CasebookApp): number {
  return (app.session.current().database.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/** Some real ids, so valid-looking payloads reach the handlers' not-found and wrong-kind paths. */
async function seed(app: CasebookApp): Promise<void> {
  // The automatic backup after the first unlock writes its audit row: let it happen first.
  await expect.poll(() => app.session.backups().backups.length).toBe(1);
  const review = await answer(app, 'reviews.create', { title: 'Fuzz review', type: 'scr' });
  await answer(app, 'people.add', { reviewId: review.id, name: 'Fuzz Person', role: 'child', pseudonym: 'Child F' });
}

function problem(channel: string, payload: unknown, detail: string): string {
  let shown: string;
  try {
    shown = JSON.stringify(payload)?.slice(0, 300) ?? String(payload);
  } catch {
    shown = String(payload).slice(0, 300);
  }
  return `${channel}: ${detail} for payload ${shown}`;
}

describe('fuzzing the contract', () => {
  it(`refuses generated payloads at dispatch with a structured error, writing nothing (${PROFILE.payloadsPerChannel} per channel)`, async () => {
    const app = await newApp();
    await seed(app);
    const channels = Object.keys(contract) as ChannelName[];
    let tried = 0;
    let refused = 0;
    let accepted = 0;
    const problems: string[] = [];
    const started = performance.now();

    for (const channel of channels) {
      const schema = contract[channel].input;
      const names = fieldNames(schema);
      await fc.assert(
        fc.asyncProperty(hostilePayload(names), async (payload) => {
          const valid = schema.safeParse(payload ?? {}).success;
          if (valid && SEND_ONLY_INVALID.has(channel)) return;
          const before = totalChanges(app);
          let result: ApiResult<unknown>;
          try {
            result = await app.invoke(channel, payload);
          } catch (error) {
            problems.push(problem(channel, payload, `dispatch threw ${String(error)}`));
            return;
          }
          tried++;
          if (result.ok) {
            accepted++;
            if (!valid) problems.push(problem(channel, payload, 'accepted although the schema refuses it'));
            return;
          }
          refused++;
          const { code, message } = result.error;
          if (!CODES.has(code) || code === 'internal') problems.push(problem(channel, payload, `answered ${code}`));
          if (typeof message !== 'string' || message.length > 4_000) {
            problems.push(problem(channel, payload, `a message of ${String(message?.length)} characters`));
          }
          if (totalChanges(app) !== before) problems.push(problem(channel, payload, 'refused, yet wrote'));
        }),
        { numRuns: PROFILE.payloadsPerChannel, seed: SEED, endOnFailure: true },
      );
      expect(app.session.status().state, `${channel} left the vault locked`).toBe('unlocked');
    }
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems.slice(0, 20)).toEqual([]);
    recordFigures('fuzz-dispatch', [
      { label: 'channels fuzzed at dispatch', value: channels.length },
      { label: 'payloads sent to dispatch', value: tried },
      { label: 'refused with a structured error', value: refused },
      { label: 'valid by chance, answered', value: accepted },
      { label: 'crashes (internal / thrown)', value: problems.length },
      { label: 'dispatch fuzzing seconds', value: Math.round((performance.now() - started) / 100) / 10 },
    ]);
  }, 3_600_000);

  it(`refuses generated request bodies through the web host without a 500 (${PROFILE.payloadsThroughHost} requests)`, async () => {
    const app = await newApp();
    await seed(app);
    const host = await startWebHost({ app, rendererDirectory: resolve(ROOT, 'dist', 'renderer') });
    const channels = Object.keys(contract).filter((channel) => !SEND_ONLY_INVALID.has(channel)) as ChannelName[];
    let sent = 0;
    let refused = 0;
    const problems: string[] = [];
    try {
      const requests = fc.tuple(
        fc.constantFrom(...channels, 'no.such.channel', '__proto__', 'constructor'),
        fc.string({ maxLength: 0 }),
      );
      await fc.assert(
        fc.asyncProperty(
          requests.chain(([channel]) =>
            hostileJson(fieldNames(contract[channel as ChannelName]?.input)).map((body) => ({ channel, body })),
          ),
          async ({ channel, body }) => {
            const before = totalChanges(app);
            const response = await fetch(`${host.url}api/${encodeURIComponent(channel)}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
              body,
            });
            sent++;
            const text = await response.text();
            if (response.status >= 500) {
              problems.push(`${channel}: HTTP ${response.status} for ${body.slice(0, 200)}`);
              return;
            }
            let answered: ApiResult<unknown>;
            try {
              answered = JSON.parse(text);
            } catch {
              problems.push(`${channel}: not JSON (${text.slice(0, 100)})`);
              return;
            }
            if (answered.ok) return;
            refused++;
            if (answered.error.code === 'internal') problems.push(`${channel}: internal for ${body.slice(0, 200)}`);
            if (totalChanges(app) !== before)
              problems.push(`${channel}: refused, yet wrote, for ${body.slice(0, 200)}`);
          },
        ),
        { numRuns: PROFILE.payloadsThroughHost, seed: SEED, endOnFailure: true },
      );
      // Still serving.
      const status = await fetch(`${host.url}api/vault.status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(status.status).toBe(200);
    } finally {
      await host.close();
    }
    expect(problems.slice(0, 20)).toEqual([]);
    recordFigures('fuzz-web-host', [
      { label: 'requests sent through the web host', value: sent },
      { label: 'refused with a structured error', value: refused },
      { label: 'HTTP 500s or crashes', value: problems.length },
    ]);
  }, 3_600_000);
});
