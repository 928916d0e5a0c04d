import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCdopCases, insertCdopCases } from '../../bench/cdop-data.js';
import { recentAudit, verifyAuditChain } from '../../db/audit.js';
import * as cases from '../../db/cdop-cases.js';
import { cdopStatistics, cdopTrend } from '../../db/cdop-statistics.js';
import type { CdopCaseInsert } from '../../db/schema/cdop.js';
import { Vault } from '../../db/vault.js';
import { contract } from '../../shared/api/contract.js';
import { CasebookError } from '../../shared/api/errors.js';
import { ageBand } from '../../shared/cdop/dates.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

async function newVault(): Promise<{ vault: Vault; path: string }> {
  const path = join(tempDirectory(), 'cdop.vault');
  const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  return { vault, path };
}

const notification = contract['cdop.case.create'].input.parse({
  reference: 'CDOP-2024-017',
  childName: 'Ava Example',
  nhsNumber: '943 476 5919',
  dateOfBirth: '2023-05-10',
  sex: 'female',
  dateOfDeath: '2023-06-07',
  timeOfDeath: '03:40',
  placeOfDeath: 'home',
  homePostcode: 'ls6 2ab',
  expected: 'unexpected',
  jointAgencyResponse: true,
  dateNotified: '2023-06-08',
});

function expectError(action: () => unknown, code: string, message: RegExp): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe(code);
    expect((error as CasebookError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('cdop case records', () => {
  it('validates NHS numbers, dates and postcodes in the contract with clear messages', () => {
    const schema = contract['cdop.case.create'].input;
    const base = { ...notification, nhsNumber: '9434765918' };
    const bad = schema.safeParse(base);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['nhsNumber'], message: expect.stringMatching(/check digit/) });
    expect(schema.safeParse({ ...notification, dateOfDeath: '2023-02-29' }).error?.issues[0]?.message).toMatch(
      /YYYY-MM-DD/,
    );
    expect(schema.safeParse({ ...notification, extra: 1 }).success).toBe(false);
    expect(notification.nhsNumber).toBe('9434765919');
    expect(notification.homePostcode).toBe('LS6 2AB');
  });

  it('records a case through the form, with derived age, suggestion, warning, hints and an audit row per change', async () => {
    const { vault } = await newVault();
    try {
      const created = cases.createCase(vault, notification);
      expect(created).toMatchObject({
        status: 'notified',
        // A death in 2023 with no review yet: the form in use then, the 2021 revision.
        formVersion: 'analysis-form-2021',
        ageBand: '28-364d',
        age: { years: 0, months: 0, days: 28, totalDays: 28 },
        suggestion: null,
      });
      expectError(() => cases.createCase(vault, notification), 'conflict', /reference CDOP-2024-017 already exists/);
      expectError(
        () => cases.updateCase(vault, { id: created.id, dateOfDeath: '2023-05-01' }),
        'invalid_payload',
        /before the date of birth/,
      );

      let detail = cases.requestAgencyReport(vault, {
        caseId: created.id,
        agency: 'Health visiting',
        requestedOn: '2023-06-10',
      });
      detail = cases.requestAgencyReport(vault, { caseId: created.id, agency: 'Police', requestedOn: '2023-06-10' });
      const police = detail.agencyReports.find((report) => report.agency === 'Police');
      detail = cases.updateAgencyReport(vault, { id: police?.id ?? '', receivedOn: '2023-07-01' });
      expect(detail.outstandingReports.map((report) => report.agency)).toEqual(['Health visiting']);

      for (const domain of ['A', 'B', 'C', 'D']) {
        detail = cases.addFactor(vault, {
          caseId: created.id,
          domain,
          description: `Factor in ${domain}`,
          grade: domain === 'C' ? '2' : '1',
          modifiable: domain === 'C',
          evidence: 'Police report p. 4',
        });
      }
      expectError(
        () =>
          cases.addFactor(vault, {
            caseId: created.id,
            domain: 'E',
            description: 'x',
            grade: '1',
            modifiable: false,
            evidence: null,
          }),
        'invalid_payload',
        /domains A, B, C, D, not E/,
      );
      expectError(
        () =>
          cases.addFactor(vault, {
            caseId: created.id,
            domain: 'A',
            description: 'x',
            grade: '1*',
            modifiable: false,
            evidence: null,
          }),
        'invalid_payload',
        /grades factors 0, 1, 2, not 1\*/,
      );
      expect(detail.suggestion?.outcome).toBe('identified');

      detail = cases.setCategory(vault, { id: created.id, category: 3 });
      detail = cases.setOutcome(vault, { id: created.id, outcome: 'none' });
      expect(detail.modifiable).toBe('none'); // the panel's decision stands
      expect(detail.disagreement).toMatch(/1 factor graded 2 marked modifiable \(C\)/);
      detail = cases.setReferral(vault, {
        id: created.id,
        referred: true,
        referredOn: '2023-06-20',
        reviewId: 'review-1',
      });
      expect(detail.categoryHints[0]?.category).toBe(1);
      detail = cases.setOutcome(vault, { id: created.id, outcome: 'identified' });
      expect(detail.disagreement).toBeNull();

      detail = cases.addLearningPoint(vault, { caseId: created.id, text: 'Safe sleep advice at every contact' });
      detail = cases.addRecommendation(vault, {
        caseId: created.id,
        level: 'local',
        agency: 'Public health',
        text: 'Campaign',
      });
      expect(detail.learningPoints).toHaveLength(1);
      expect(detail.recommendations[0]).toMatchObject({ level: 'local', agency: 'Public health' });
      detail = cases.removeLearningPoint(vault, detail.learningPoints[0]?.id ?? '');
      expect(detail.learningPoints).toEqual([]);

      detail = cases.addPanelMeeting(vault, { caseId: created.id, meetingDate: '2023-09-14' });
      const pack = cases.panelPack(vault.database, '2023-09-14');
      expect(pack.cases).toHaveLength(1);
      expect(pack.cases[0]?.outstanding).toEqual([
        'Report from Health visiting (requested 2023-06-10) not received',
        'Notification: whether there was a post-mortem not recorded',
        'Notification: summary of circumstances not recorded',
      ]);
      expect(cases.listCases(vault.database, { limit: 10 }, '2023-09-01')[0]).toMatchObject({
        reference: 'CDOP-2024-017',
        nextPanelMeeting: '2023-09-14',
        outstandingReports: [{ agency: 'Health visiting' }],
      });

      expectError(
        () => cases.setStatus(vault, { id: created.id, status: 'reviewed' }),
        'conflict',
        /one step at a time/,
      );
      cases.setStatus(vault, { id: created.id, status: 'information_gathering' });
      cases.setStatus(vault, { id: created.id, status: 'ready_for_panel' });
      expectError(
        () => cases.setStatus(vault, { id: created.id, status: 'reviewed' }),
        'invalid_payload',
        /give the date the review was completed/,
      );
      detail = cases.setStatus(vault, { id: created.id, status: 'reviewed', dateReviewCompleted: '2023-09-14' });
      expect(detail).toMatchObject({ status: 'reviewed', dateReviewCompleted: '2023-09-14' });
      expectError(() => cases.setCategory(vault, { id: created.id, category: null }), 'conflict', /keeps its category/);

      const audit = recentAudit(vault.database, 100).filter((entry) => /^(cdop|analysis)/.test(entry.entity));
      expect(audit.length).toBeGreaterThanOrEqual(18);
      const rows = vault.database
        .prepare("SELECT detail FROM audit_log WHERE entity LIKE 'cdop%' OR entity LIKE 'analysis%'")
        .all() as {
        detail: string | null;
      }[];
      for (const row of rows) {
        expect(row.detail ?? '').not.toContain('Ava');
        expect(row.detail ?? '').not.toContain('9434765919');
      }
      expect(verifyAuditChain(vault.database).ok).toBe(true);
    } finally {
      vault.close();
    }
  });

  it('a Form C case grades 0/1/1*/2/3 in domains 1-4', async () => {
    const { vault } = await newVault();
    try {
      const created = cases.createCase(vault, { ...notification, formVersion: 'form-c' });
      const detail = cases.addFactor(vault, {
        caseId: created.id,
        domain: '4',
        description: 'Delay',
        grade: '3',
        modifiable: true,
        evidence: null,
      });
      expect(detail.suggestion?.outcome).toBe('identified');
      // Grade 1 "No factors identified" grades a domain: it is not a factor's grade.
      expectError(
        () =>
          cases.addFactor(vault, {
            caseId: created.id,
            domain: '2',
            description: 'x',
            grade: '1',
            modifiable: false,
            evidence: null,
          }),
        'invalid_payload',
        /"No factors identified" is a grade of a whole domain/,
      );
      // Changing the version: refused while a factor does not fit the new form, saying which.
      expectError(
        () => cases.setFormVersion(vault, { id: created.id, formVersion: 'analysis-form-2018' }),
        'invalid_payload',
        /The factor "Delay" is in domain 4, which Child death analysis form \(2018\) does not have/,
      );
      cases.removeFactor(vault, detail.factors[0]?.id as string);
      const changed = cases.setFormVersion(vault, { id: created.id, formVersion: 'analysis-form-2018' });
      expect(changed.formVersion).toBe('analysis-form-2018');
      expect(recentAudit(vault.database, 1)[0]).toMatchObject({ action: 'form version changed' });
    } finally {
      vault.close();
    }
  });
});

describe('the form version follows the dates', () => {
  it('moves to the form in use on the review date once it is recorded, unless the panel chose one or a factor does not fit', async () => {
    const { vault } = await newVault();
    try {
      // Died in June 2019 (Form C until 28 September 2019), reviewed in January 2020 (the 2018 form).
      const died = { dateOfBirth: '2018-05-10', dateOfDeath: '2019-06-07', dateNotified: '2019-06-08' };
      const reviewed = (id: string) => {
        cases.setStatus(vault, { id, status: 'information_gathering' });
        cases.setStatus(vault, { id, status: 'ready_for_panel' });
        cases.setCategory(vault, { id, category: 3 });
        cases.setOutcome(vault, { id, outcome: 'none' });
        return cases.setStatus(vault, { id, status: 'reviewed', dateReviewCompleted: '2020-01-15' });
      };
      const followed = cases.createCase(vault, { ...notification, ...died, reference: 'CDOP-2019-001' });
      expect(followed.formVersion).toBe('form-c');
      expect(reviewed(followed.id).formVersion).toBe('analysis-form-2018');
      expect(recentAudit(vault.database, 1)[0]).toMatchObject({
        entityId: followed.id,
        action: 'form version changed',
        detail: { from: 'form-c', to: 'analysis-form-2018', followed: 'dates' },
      });

      const chosen = cases.createCase(vault, {
        ...notification,
        ...died,
        reference: 'CDOP-2019-002',
        formVersion: 'form-c',
      });
      expect(reviewed(chosen.id).formVersion).toBe('form-c');

      const graded = cases.createCase(vault, { ...notification, ...died, reference: 'CDOP-2019-003' });
      cases.addFactor(vault, {
        caseId: graded.id,
        domain: '4',
        description: 'Delay',
        grade: '2',
        modifiable: false,
        evidence: null,
      });
      // Domain 4 is Form C's alone: the case stays on Form C until the panel moves it.
      expect(reviewed(graded.id).formVersion).toBe('form-c');
    } finally {
      vault.close();
    }
  });
});

describe('the historical "preventable" outcome', () => {
  it('is recorded for a death reviewed before 1 April 2010, never as modifiable factors, and refused for a later review', async () => {
    const { vault } = await newVault();
    try {
      const old = cases.createCase(vault, {
        ...notification,
        reference: 'CDOP-2009-001',
        dateOfBirth: '2008-05-10',
        dateOfDeath: '2009-06-07',
        dateNotified: '2009-06-08',
      });
      expect(old.formVersion).toBe('form-c');
      const recorded = cases.setPreventable(vault, { id: old.id, preventable: true });
      expect(recorded).toMatchObject({ preventable: true, modifiable: null });
      expect(cdopStatistics(vault.database, '2009-01-01', '2009-12-31', 'deaths').modifiable.identified).toBe(0);
      const later = cases.createCase(vault, notification);
      expectError(
        () => cases.setPreventable(vault, { id: later.id, preventable: true }),
        'invalid_payload',
        /only for deaths reviewed before 1 April 2010/,
      );
    } finally {
      vault.close();
    }
  });
});

/**
 * The statistics computed independently in JavaScript from the generated rows, on
 * either basis: the deaths in the period, or the reviews completed in it (with the
 * deaths notified counted by date notified).
 */
function expectedStatistics(
  rows: CdopCaseInsert[],
  from: string,
  to: string,
  basis: 'completed' | 'deaths' = 'deaths',
) {
  const within = (date: string | null) => date !== null && date >= from && date <= to;
  const cases = rows.filter((row) => within(basis === 'deaths' ? row.date_of_death : row.date_review_completed));
  const reviewed = cases.filter((row) => row.date_review_completed !== null);
  const days = reviewed
    .map((row) => (Date.parse(row.date_review_completed as string) - Date.parse(row.date_of_death)) / 86_400_000)
    .sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median =
    days.length === 0
      ? null
      : days.length % 2
        ? (days[mid] as number)
        : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
  const countWhere = <T>(list: T[], test: (item: T) => boolean) => list.filter(test).length;
  const identified = countWhere(reviewed, (row) => row.modifiable === 'identified');
  return {
    basis,
    notified: basis === 'deaths' ? cases.length : countWhere(rows, (row) => within(row.date_notified)),
    reviewed: reviewed.length,
    medianDaysToReview: median,
    byCategory: Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [String(i + 1), countWhere(reviewed, (row) => row.category === i + 1)]),
    ),
    modifiable: {
      identified,
      none: countWhere(reviewed, (row) => row.modifiable === 'none'),
      insufficient: countWhere(reviewed, (row) => row.modifiable === 'insufficient'),
    },
    modifiableShare: reviewed.length === 0 ? null : identified / reviewed.length,
    byAgeBand: Object.fromEntries(
      ['0-27d', '28-364d', '1-4', '5-9', '10-14', '15-17'].map((band) => [
        band,
        countWhere(cases, (row) => ageBand(row.date_of_birth, row.date_of_death) === band),
      ]),
    ),
    bySex: Object.fromEntries(
      ['male', 'female', 'indeterminate', 'not_known'].map((sex) => [sex, countWhere(cases, (row) => row.sex === sex)]),
    ),
    expected: countWhere(cases, (row) => row.expected === 'expected'),
    unexpected: countWhere(cases, (row) => row.expected === 'unexpected'),
  };
}

/** The modifiable share's numerator and denominator per age band, sex and ethnicity, computed independently. */
function expectedModifiableBreakdowns(rows: CdopCaseInsert[], from: string, to: string) {
  const reviewed = rows.filter(
    (row) => row.date_review_completed !== null && row.date_review_completed >= from && row.date_review_completed <= to,
  );
  const group = (key: (row: CdopCaseInsert) => string) => {
    const out: Record<string, { reviewed: number; identified: number }> = {};
    for (const row of reviewed) {
      const one = out[key(row)] ?? { reviewed: 0, identified: 0 };
      one.reviewed += 1;
      if (row.modifiable === 'identified') one.identified += 1;
      out[key(row)] = one;
    }
    return out;
  };
  return {
    byAgeBand: group((row) => ageBand(row.date_of_birth, row.date_of_death) as string),
    bySex: group((row) => row.sex),
    byEthnicity: group((row) => row.ethnicity?.trim() || 'Not recorded'),
  };
}

/** Hand-made boundary cases: exactly 28 days, the first birthday, 29 February births. */
function boundaryRows(): CdopCaseInsert[] {
  const [template] = generateCdopCases(1, 99) as [CdopCaseInsert];
  const make = (i: number, dateOfBirth: string, dateOfDeath: string): CdopCaseInsert => ({
    ...template,
    id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    reference: `EDGE-${i}`,
    date_of_birth: dateOfBirth,
    date_of_death: dateOfDeath,
    date_notified: dateOfDeath,
    date_review_completed: null,
    status: 'notified',
    category: null,
    modifiable: null,
  });
  // Before the generated decade (which starts 2014-04-01), so a period can hold only these.
  return [
    make(1, '2012-06-01', '2012-06-29'), // DOB + 28 days -> 28-364d
    make(2, '2011-07-15', '2012-07-15'), // first birthday -> 1-4
    make(3, '2012-02-29', '2013-02-28'), // 29 Feb birth, the day before 1 March -> 28-364d
    make(4, '2012-02-29', '2013-03-01'), // first birthday in a non-leap year (1 March) -> 1-4
    make(5, '2012-06-01', '2012-06-28'), // 27 days -> 0-27d
  ];
}

describe('cdop statistics in SQL', () => {
  it('agree with an independent JavaScript computation on generated cases, for several periods', async () => {
    const { vault } = await newVault();
    try {
      const rows = [...generateCdopCases(3000, 7), ...boundaryRows()];
      insertCdopCases(vault, rows);
      // The stored age band (a generated column of migration 0003) follows the TypeScript rule on every row.
      const stored = vault.database
        .prepare('SELECT date_of_birth AS b, date_of_death AS d, age_band FROM cdop_case')
        .all() as {
        b: string;
        d: string;
        age_band: string | null;
      }[];
      expect(stored).toHaveLength(rows.length);
      for (const row of stored) expect(row.age_band, `${row.b} ${row.d}`).toBe(ageBand(row.b, row.d));
      // Reviews are completed 30 to 730 days after the death: often in a later financial year.
      expect(
        rows.filter((row) => row.date_review_completed?.slice(0, 4) !== row.date_of_death.slice(0, 4)).length,
      ).toBeGreaterThan(1000);
      for (const [from, to] of [
        ['2014-04-01', '2024-03-31'],
        ['2019-04-01', '2020-03-31'],
        ['2022-06-01', '2022-07-15'],
        ['2012-01-01', '2013-12-31'],
        ['2030-01-01', '2030-12-31'],
      ] as const) {
        for (const basis of ['completed', 'deaths'] as const) {
          const figures = cdopStatistics(vault.database, from, to, basis);
          const { byEthnicity, from: f, to: t, cases: counted, identifiedByCategory, ...rest } = figures;
          const { modifiableByAgeBand, modifiableBySex, modifiableByEthnicity, ...comparable } = rest;
          expect(comparable, `${basis} ${from} to ${to}`).toEqual(expectedStatistics(rows, from, to, basis));
          const total = Object.values(byEthnicity).reduce((sum, n) => sum + n, 0);
          expect(total).toBe(counted);
          if (basis === 'completed') {
            expect(counted).toBe(figures.reviewed);
            const expected = expectedModifiableBreakdowns(rows, from, to);
            const nonEmpty = (groups: Record<string, { reviewed: number }>) =>
              Object.fromEntries(Object.entries(groups).filter(([, one]) => one.reviewed > 0));
            expect(nonEmpty(modifiableByAgeBand)).toEqual(expected.byAgeBand);
            expect(nonEmpty(modifiableBySex)).toEqual(expected.bySex);
            expect(nonEmpty(modifiableByEthnicity)).toEqual(expected.byEthnicity);
          }
        }
      }
      // The two bases differ on this data (else the test could not tell them apart).
      const year = ['2019-04-01', '2020-03-31'] as const;
      expect(cdopStatistics(vault.database, ...year, 'completed').reviewed).not.toBe(
        cdopStatistics(vault.database, ...year, 'deaths').reviewed,
      );
      const empty = cdopStatistics(vault.database, '2030-01-01', '2030-12-31');
      expect(empty).toMatchObject({ notified: 0, reviewed: 0, medianDaysToReview: null, modifiableShare: null });

      for (const basis of ['completed', 'deaths'] as const) {
        const trend = cdopTrend(vault.database, '2019-04-01', '2021-03-31', basis);
        expect(trend.map((one) => one.label)).toEqual(['2019-20', '2020-21']);
        const first = expectedStatistics(rows, '2019-04-01', '2020-03-31', basis);
        expect(trend[0]).toMatchObject({ notified: first.notified, reviewed: first.reviewed });
      }
    } finally {
      vault.close();
    }
  });

  it('casebook cdop stats --json prints exactly the issue contract, boundaries included', async () => {
    const { vault, path } = await newVault();
    const rows = [...generateCdopCases(400, 11), ...boundaryRows()];
    insertCdopCases(vault, rows);
    vault.close();

    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, '--vault', path, 'cdop', 'stats', ...args], {
        encoding: 'utf8',
        env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
      });
    // No --basis: the national one, reviews completed in the period.
    let printed: Record<string, unknown> = {};
    for (const [basis, args] of [
      ['completed', []],
      ['deaths', ['--basis', 'deaths']],
    ] as const) {
      const result = run(['--from', '2022-06-01', '--to', '2022-07-15', ...args, '--json']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      printed = JSON.parse(result.stdout);
      expect(printed).toEqual(expectedStatistics(rows, '2022-06-01', '2022-07-15', basis));
    }
    expect(Object.keys(printed)).toEqual([
      'basis',
      'notified',
      'reviewed',
      'medianDaysToReview',
      'byCategory',
      'modifiable',
      'modifiableShare',
      'byAgeBand',
      'bySex',
      'expected',
      'unexpected',
    ]);
    expect(Object.keys(printed.byCategory as object)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // The boundary cases alone: each lands where the issue says.
    const edges = cdopStatsOnly(run, ['--from', '2012-01-01', '--to', '2013-12-31', '--basis', 'deaths']);
    expect(edges.byAgeBand).toEqual({ '0-27d': 1, '28-364d': 2, '1-4': 2, '5-9': 0, '10-14': 0, '15-17': 0 });

    const badBasis = run(['--basis', 'died', '--json']);
    expect(badBasis.status).not.toBe(0);
    expect(badBasis.stderr).toBe('--basis must be completed or deaths: died\n');

    const wrong = run(['--from', '2022-02-30', '--to', '2022-07-15']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toBe('--from must be a real date as YYYY-MM-DD: 2022-02-30\n');
  }, 90_000); // five runs of the CLI, each opening the vault
});

function cdopStatsOnly(run: (args: string[]) => { stdout: string; status: number | null }, args: string[]) {
  const result = run([...args, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { byAgeBand: Record<string, number> };
}
