import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdopStatistics } from '../db/cdop-statistics.js';
import type { Database } from '../db/query.js';
import { Vault } from '../db/vault.js';
import { SEXES } from '../shared/cdop/case.js';
import { AGE_BANDS, ageBand } from '../shared/cdop/dates.js';
import { generateCdopCases, insertCdopCases } from './cdop-data.js';
import { measure, report } from './stats.js';

/**
 * Panel statistics for 50,000 cases (a national decade) in an encrypted vault:
 * computed in SQL, against the baseline of loading every row of the period and
 * computing the same figures in JavaScript. Target: under 200 ms.
 */
export async function benchCdopStatistics(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const { vault } = await Vault.create(join(directory, 'cdop.vault'), 'violet harbour tractor 1987 pebble', {
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
    });
    insertCdopCases(vault, generateCdopCases(50_000, 2024));
    const [from, to] = ['2014-04-01', '2024-03-31'];

    // The baseline counts deaths in the period, so the comparison is on that basis; the national one is timed too.
    const inSql = await measure(20, () => cdopStatistics(vault.database, from, to, 'deaths'));
    const completed = await measure(20, () => cdopStatistics(vault.database, from, to, 'completed'));
    const inJs = await measure(5, () => statisticsInJavaScript(vault.database, from, to));
    const check = cdopStatistics(vault.database, from, to, 'deaths');
    const baseline = statisticsInJavaScript(vault.database, from, to);
    if (check.notified !== baseline.notified || check.byAgeBand['1-4'] !== baseline.byAgeBand['1-4']) {
      throw new Error('SQL and JavaScript statistics disagree');
    }

    console.log(
      `\n# CDOP statistics (${check.notified.toLocaleString('en-GB')} deaths, ${from} to ${to}; target < 200 ms)`,
    );
    report('statistics in SQL', inSql, 'load all rows + compute in JS', inJs);
    console.log(`statistics in SQL p95: ${inSql.p95.toFixed(2)} ms`);
    console.log(
      `statistics in SQL, reviews completed in the period (the national basis): median ${completed.median.toFixed(2)} ms, p95 ${completed.p95.toFixed(2)} ms`,
    );
    vault.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The baseline: every row of the period into JavaScript, the same figures computed there. */
function statisticsInJavaScript(database: Database, from: string, to: string) {
  const rows = database
    .prepare(
      'SELECT date_of_birth, date_of_death, date_review_completed, category, modifiable, sex, ethnicity, expected FROM cdop_case WHERE date_of_death BETWEEN ? AND ?',
    )
    .all(from, to) as {
    date_of_birth: string;
    date_of_death: string;
    date_review_completed: string | null;
    category: number | null;
    modifiable: string | null;
    sex: string;
    ethnicity: string | null;
    expected: string | null;
  }[];
  const byAgeBand = Object.fromEntries(AGE_BANDS.map((band) => [band, 0])) as Record<string, number>;
  const bySex = Object.fromEntries(SEXES.map((sex) => [sex, 0])) as Record<string, number>;
  const byCategory: Record<string, number> = {};
  const byEthnicity: Record<string, number> = {};
  const modifiable: Record<string, number> = { identified: 0, none: 0, insufficient: 0 };
  const days: number[] = [];
  let expected = 0;
  let unexpected = 0;
  for (const row of rows) {
    const band = ageBand(row.date_of_birth, row.date_of_death);
    if (band) byAgeBand[band] = (byAgeBand[band] ?? 0) + 1;
    bySex[row.sex] = (bySex[row.sex] ?? 0) + 1;
    const ethnicity = row.ethnicity ?? 'Not recorded';
    byEthnicity[ethnicity] = (byEthnicity[ethnicity] ?? 0) + 1;
    if (row.expected === 'expected') expected++;
    if (row.expected === 'unexpected') unexpected++;
    if (row.date_review_completed !== null) {
      days.push((Date.parse(row.date_review_completed) - Date.parse(row.date_of_death)) / 86_400_000);
      if (row.category !== null) byCategory[row.category] = (byCategory[row.category] ?? 0) + 1;
      if (row.modifiable !== null) modifiable[row.modifiable] = (modifiable[row.modifiable] ?? 0) + 1;
    }
  }
  days.sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length % 2 ? days[mid] : ((days[mid - 1] ?? 0) + (days[mid] ?? 0)) / 2;
  return {
    notified: rows.length,
    reviewed: days.length,
    median,
    byAgeBand,
    bySex,
    byCategory,
    byEthnicity,
    modifiable,
    expected,
    unexpected,
  };
}
