import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../../db/vault.js';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { Review, ReviewSummary, Settings } from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * The post-2018 clock end to end: the real CLI on a real encrypted vault, and the
 * app's channels with the reviewer's own non-working days from Settings.
 */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
});

function casebook(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function newVault(): Promise<string> {
  const path = join(tempDirectory(), 'case.vault');
  (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
  return path;
}

async function unlockedApp(): Promise<CasebookApp> {
  app = createCasebookApp(join(tempDirectory(), 'case.vault'), { scrypt: FAST_SCRYPT });
  expect(await app.invoke('vault.create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  return app;
}

describe('casebook review create --aware-on and review get', () => {
  it('counts the notification and rapid review due dates in working days over Christmas and New Year', async () => {
    const vault = await newVault();
    const created = casebook([
      '--vault',
      vault,
      'review',
      'create',
      '--type',
      'rapid',
      '--title',
      'Child R',
      '--aware-on',
      '2021-12-24',
      '--json',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const got = casebook(['--vault', vault, 'review', 'get', '--review', id, '--json']);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    const review = JSON.parse(got.stdout) as Review;
    expect(review).toMatchObject({ id, type: 'rapid', awareOn: '2021-12-24', notifiedOn: null });
    expect(review.deadlines.map(({ step, due }) => ({ step, due }))).toEqual([
      { step: 'notification', due: '2022-01-05' },
      { step: 'rapid-review', due: '2022-01-19' },
    ]);
    // Long past and never recorded as done.
    expect(review.deadlines.every((deadline) => deadline.overdue)).toBe(true);

    const text = casebook(['--vault', vault, 'review', 'get', '--review', id]);
    expect(text.stdout).toContain('Notification to the national panel: due 2022-01-05');
    expect(text.stdout).toContain('is overdue');
  });

  it('refuses a date that is not real before unlocking, and writes nothing', async () => {
    const vault = await newVault();
    const bad = casebook([
      '--vault',
      vault,
      'review',
      'create',
      '--type',
      'rapid',
      '--title',
      'Child R',
      '--aware-on',
      '2021-02-30',
      '--json',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--aware-on');
    expect(bad.stderr).toContain('enter a real date as YYYY-MM-DD');
    const listed = casebook(['--vault', vault, 'review', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('review get without --review says how to use it', async () => {
    const vault = await newVault();
    const missing = casebook(['--vault', vault, 'review', 'get', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('casebook review get --review ID');
  });
});

describe('the review clock through the channels', () => {
  it("moves due dates for the reviewer's own non-working days, kept in the vault's settings", async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'Child R', type: 'rapid', awareOn: '2021-12-24' }),
    );
    expect(review.deadlines[0]?.due).toBe('2022-01-05');

    const settings = await ok<Settings>(
      casebook.invoke('settings.update', { extraNonWorkingDays: ['2021-12-31', '2021-12-29'] }),
    );
    expect(settings.extraNonWorkingDays).toEqual(['2021-12-29', '2021-12-31']);
    const moved = await ok<Review>(casebook.invoke('reviews.get', { id: review.id }));
    expect(moved.deadlines.map((deadline) => deadline.due)).toEqual(['2022-01-07', '2022-01-21']);

    const refused = await fails(casebook.invoke('settings.update', { extraNonWorkingDays: ['2021-13-01'] }));
    expect(refused.message).toContain('Non-working day: enter a real date');
    const twice = await fails(
      casebook.invoke('settings.update', { extraNonWorkingDays: ['2021-12-29', '2021-12-29'] }),
    );
    expect(twice.message).toContain('once only');
    expect(await ok<Settings>(casebook.invoke('settings.get', {}))).toMatchObject({
      extraNonWorkingDays: ['2021-12-29', '2021-12-31'],
    });
  });

  it('records the dates done, refuses one before becoming aware, and lists the overdue ones', async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'Child R', type: 'rapid', awareOn: '2021-12-24' }),
    );
    const before = await fails(casebook.invoke('reviews.update', { id: review.id, notifiedOn: '2021-12-20' }));
    expect(before.message).toContain('before the date of becoming aware');

    const notified = await ok<Review>(
      casebook.invoke('reviews.update', { id: review.id, notifiedOn: '2022-01-05', rapidReviewHeldOn: '2022-01-20' }),
    );
    expect(notified.deadlines.map(({ step, overdue, late }) => ({ step, overdue, late }))).toEqual([
      { step: 'notification', overdue: false, late: false },
      { step: 'rapid-review', overdue: false, late: true },
    ]);

    const other = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'Child S', type: 'rapid', awareOn: '2022-06-01' }),
    );
    const listed = await ok<ReviewSummary[]>(casebook.invoke('reviews.list', {}));
    const overdue = listed.find((item) => item.id === other.id)?.deadlines.filter((deadline) => deadline.overdue);
    expect(overdue?.map((deadline) => deadline.step)).toEqual(['notification', 'rapid-review']);
  });

  it('checks a decision against the criteria of the review’s date: 2018 for a case from 2021, 2015 before', async () => {
    const casebook = await unlockedApp();
    const recent = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'Child R', type: 'cspr', awareOn: '2021-12-24' }),
    );
    expect(recent.criteriaFramework).toBe('2018');
    await ok(
      casebook.invoke('reviews.recordStatus', { reviewId: recent.id, status: 'referral-received', date: '2021-12-24' }),
    );
    // Serious harm without concern about agencies: a serious child safeguarding case, but no SCR under 2015.
    const answers = { abuseOrNeglect: 'yes', childDied: 'no', seriouslyHarmed: 'yes', agencyConcern: 'no' };
    const decided = await ok<Review>(
      casebook.invoke('reviews.recordStatus', {
        reviewId: recent.id,
        status: 'subgroup-considered',
        date: '2022-01-10',
        decision: 'scr',
        rationale: 'Serious harm from suspected abuse.',
        criteria: answers,
      }),
    );
    expect(decided.statusHistory.at(-1)?.criteria).toMatchObject({ outcome: 'met' });
    expect(decided.statusHistory.at(-1)?.criteria?.explanation).toContain('serious child safeguarding case');

    const older = await ok<Review>(casebook.invoke('reviews.create', { title: 'Child H', type: 'scr' }));
    await ok(
      casebook.invoke('reviews.recordStatus', { reviewId: older.id, status: 'referral-received', date: '2016-01-04' }),
    );
    const olderDecided = await ok<Review>(
      casebook.invoke('reviews.recordStatus', {
        reviewId: older.id,
        status: 'subgroup-considered',
        date: '2016-01-20',
        decision: 'no-review',
        rationale: 'Agencies worked together well.',
        criteria: answers,
      }),
    );
    expect(olderDecided.criteriaFramework).toBe('2015');
    expect(olderDecided.statusHistory.at(-1)?.criteria).toMatchObject({ outcome: 'not-met' });

    expect(
      await ok(
        casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'yes', seriouslyHarmed: 'yes', framework: '2018' }),
      ),
    ).toMatchObject({ outcome: 'met' });
    expect(
      await ok(casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'yes', seriouslyHarmed: 'yes' })),
    ).toMatchObject({
      outcome: 'not-yet-answerable',
    });
  });
});
