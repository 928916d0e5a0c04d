import { performance } from 'node:perf_hooks';

/** Runs `work` `runs` times (after one warm-up) and returns the median and p95 in milliseconds. */
export async function measure(
  runs: number,
  work: () => unknown | Promise<unknown>,
): Promise<{ median: number; p95: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95) };
}

export function report(
  name: string,
  subject: { median: number },
  baselineName: string,
  baseline: { median: number },
): void {
  const ratio = subject.median / baseline.median;
  console.log(
    `${name}: ${subject.median.toFixed(2)} ms median | baseline ${baselineName}: ${baseline.median.toFixed(2)} ms | ratio ${ratio.toFixed(2)}x`,
  );
}
