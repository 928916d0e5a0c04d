import { describe, expect, it } from 'vitest';
import { startHost } from '../e2e/support/host.js';
import { PASSPHRASE } from '../support/temp.js';
import { PROFILE, recordFigures } from './support/profile.js';

/**
 * Load on the real web host (`casebook serve`, loopback only): concurrent callers
 * reading and writing one vault for a while, with zero errors; then a flood of
 * requests with a wrong token, which must not slow the good path.
 */

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

describe('load on the web host', () => {
  it(`${PROFILE.loadCallers} callers for ${PROFILE.loadSeconds} s: no errors; wrong-token floods do not slow them`, async () => {
    const host = await startHost();
    const call = async (channel: string, payload: unknown, token = host.token) => {
      const response = await fetch(`${host.baseUrl}api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return {
        status: response.status,
        body: (await response.json()) as { ok: boolean; value?: unknown; error?: unknown },
      };
    };
    try {
      expect((await call('vault.create', { passphrase: PASSPHRASE })).body.ok).toBe(true);
      const review = (await call('reviews.create', { title: 'Load review', type: 'cspr' })).body.value as {
        id: string;
      };

      /** Callers in a loop until `until`: two reads to each write, as people work. */
      const run = async (until: number, round: string) => {
        const latencies: number[] = [];
        const errors: string[] = [];
        await Promise.all(
          Array.from({ length: PROFILE.loadCallers }, async (_, caller) => {
            let turn = 0;
            while (performance.now() < until) {
              turn++;
              const started = performance.now();
              const answer =
                turn % 3 === 0
                  ? await call('people.add', {
                      reviewId: review.id,
                      name: `Person ${round}${caller}-${turn}`,
                      role: 'professional',
                      pseudonym: `P${round}${caller}-${turn}`,
                    })
                  : turn % 3 === 1
                    ? await call('reviews.list', {})
                    : await call('people.list', { reviewId: review.id });
              latencies.push(performance.now() - started);
              if (answer.status !== 200 || !answer.body.ok) errors.push(JSON.stringify(answer.body).slice(0, 200));
            }
          }),
        );
        latencies.sort((a, b) => a - b);
        return { latencies, errors };
      };

      const steady = await run(performance.now() + PROFILE.loadSeconds * 1_000, 'a');
      expect(steady.errors.slice(0, 5)).toEqual([]);

      // The same callers for a fifth of the time, while wrong-token requests pour in.
      let refused = 0;
      const floodSeconds = Math.max(2, PROFILE.loadSeconds / 5);
      const flooded = run(performance.now() + floodSeconds * 1_000, 'b');
      const flood = (async () => {
        const batch = 50;
        for (let sent = 0; sent < PROFILE.badTokenRequests; sent += batch) {
          const answers = await Promise.all(
            Array.from({ length: batch }, () => call('reviews.list', {}, 'x'.repeat(43)).catch(() => null)),
          );
          refused += answers.filter((answer) => answer?.status === 401).length;
        }
      })();
      const [underFlood] = await Promise.all([flooded, flood]);
      expect(underFlood.errors.slice(0, 5)).toEqual([]);
      expect(refused).toBe(PROFILE.badTokenRequests);

      const p50 = percentile(steady.latencies, 0.5);
      const p99 = percentile(steady.latencies, 0.99);
      const floodP50 = percentile(underFlood.latencies, 0.5);
      recordFigures('load', [
        { label: 'load: callers', value: PROFILE.loadCallers },
        { label: 'load: requests answered', value: steady.latencies.length },
        { label: 'load: errors', value: steady.errors.length },
        { label: 'load: p50 ms', value: Math.round(p50 * 10) / 10 },
        { label: 'load: p99 ms', value: Math.round(p99 * 10) / 10 },
        { label: 'wrong-token requests refused', value: refused },
        { label: 'p50 under the wrong-token flood / p50', value: Math.round((floodP50 / p50) * 100) / 100 },
      ]);
    } finally {
      await host.stop();
    }
  }, 600_000);
});
