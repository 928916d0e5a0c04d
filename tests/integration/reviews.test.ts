import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit.js';
import type { CasebookApp } from '../../electron/app.js';
import type { Person, Review, ReviewSummary, Settings } from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';

const unlockedApp = newVaultAppFactory();

function auditRows(casebook: CasebookApp) {
  return casebook.session
    .current()
    .database.prepare('SELECT entity, entity_id, action, detail FROM audit_log ORDER BY seq')
    .all() as { entity: string; entity_id: string | null; action: string; detail: string | null }[];
}

const CRITERIA_MET = { abuseOrNeglect: 'yes', childDied: 'no', seriouslyHarmed: 'yes', agencyConcern: 'yes' };

describe('reviews', () => {
  it('creates, reads, lists and updates a review, each change with an audit row naming ids only', async () => {
    const casebook = await unlockedApp();
    const created = await ok<Review>(
      casebook.invoke('reviews.create', {
        title: 'Child H: Serious Case Review',
        type: 'scr',
        scopeFrom: '2014-01-01',
        scopeTo: '2016-06-30',
        termsOfReference: '# Scope\n- health\n- education',
        agencies: ['Northshire Police', 'Northshire NHS Trust'],
        leadReviewers: ['Dr A Reviewer'],
      }),
    );
    expect(created).toMatchObject({
      title: 'Child H: Serious Case Review',
      type: 'scr',
      typeLabel: 'Serious Case Review (SCR)',
      scopeFrom: '2014-01-01',
      scopeTo: '2016-06-30',
      status: null,
      statusLabel: 'Not started',
      archived: false,
      leadReviewers: ['Dr A Reviewer'],
      statusHistory: [],
      nextStatuses: [
        { status: 'referral-received', label: 'Referral received' },
        { status: 'in-progress', label: 'Review in progress' },
      ],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.agencies.map((agency) => agency.name)).toEqual(['Northshire Police', 'Northshire NHS Trust']);
    expect(await ok(casebook.invoke('reviews.get', { id: created.id }))).toEqual(created);

    const police = created.agencies[0]?.id;
    const updated = await ok<Review>(
      casebook.invoke('reviews.update', {
        id: created.id,
        type: 'cspr',
        scopeTo: null,
        agencies: ['Northshire NHS Trust', 'northshire police', "Children's Social Care"],
      }),
    );
    expect(updated).toMatchObject({ type: 'cspr', scopeFrom: '2014-01-01', scopeTo: null, title: created.title });
    expect(updated.agencies.map((agency) => agency.name)).toEqual([
      'Northshire NHS Trust',
      'northshire police',
      "Children's Social Care",
    ]);
    // A renamed or reordered agency keeps its id, so what refers to it still does.
    expect(updated.agencies[1]?.id).toBe(police);

    const list = await ok<ReviewSummary[]>(casebook.invoke('reviews.list', {}));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, type: 'cspr', status: null, archived: false });

    const audit = auditRows(casebook).filter((row) => row.entity === 'review');
    expect(audit.map((row) => [row.entity_id, row.action])).toEqual([
      [created.id, 'created'],
      [created.id, 'updated'],
    ]);
    const allDetail = auditRows(casebook)
      .map((row) => row.detail ?? '')
      .join(' ');
    for (const secret of ['Child H', 'Northshire', 'Dr A Reviewer', 'health']) expect(allDetail).not.toContain(secret);
  });

  it('refuses bad input with clear messages and writes nothing', async () => {
    const casebook = await unlockedApp();
    const before = auditRows(casebook).length;
    const badType = await casebook.invoke('reviews.create', { title: 'T', type: 'serious' });
    expect(badType).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(JSON.stringify(badType)).toContain('Choose a review type: scr, cspr, rapid, learning, single-agency');
    const reversed = await casebook.invoke('reviews.create', {
      title: 'T',
      type: 'scr',
      scopeFrom: '2016-01-01',
      scopeTo: '2015-01-01',
    });
    expect(JSON.stringify(reversed)).toContain('The scope period must not end before it starts');
    const impossible = await casebook.invoke('reviews.create', { title: 'T', type: 'scr', scopeFrom: '2015-02-31' });
    expect(JSON.stringify(impossible)).toContain('Scope start: enter a real date as YYYY-MM-DD');
    const blank = await casebook.invoke('reviews.create', { title: '   ', type: 'scr' });
    expect(JSON.stringify(blank)).toContain('Enter the title');
    const extra = await casebook.invoke('reviews.create', { title: 'T', type: 'scr', secret: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await casebook.invoke('reviews.get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'review not found: nope' },
    });
    expect(auditRows(casebook)).toHaveLength(before);
    expect(await ok(casebook.invoke('reviews.list', {}))).toEqual([]);
  });

  it('archives and restores; an archived review is hidden by default and read-only', async () => {
    const casebook = await unlockedApp();
    const kept = await ok<Review>(casebook.invoke('reviews.create', { title: 'Kept', type: 'learning' }));
    const old = await ok<Review>(casebook.invoke('reviews.create', { title: 'Old', type: 'rapid' }));
    const archived = await ok<Review>(casebook.invoke('reviews.archive', { id: old.id }));
    expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(String) });

    const ids = async (archivedFilter?: string) =>
      (await ok<ReviewSummary[]>(casebook.invoke('reviews.list', archivedFilter ? { archived: archivedFilter } : {})))
        .map((review) => review.title)
        .sort();
    expect(await ids()).toEqual(['Kept']);
    expect(await ids('only')).toEqual(['Old']);
    expect(await ids('include')).toEqual(['Kept', 'Old']);

    expect(await casebook.invoke('reviews.update', { id: old.id, title: 'New' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This review is archived; restore it to make changes.' },
    });
    expect(await casebook.invoke('reviews.archive', { id: old.id })).toMatchObject({
      ok: false,
      error: { message: 'This review is already archived.' },
    });
    expect(await ok(casebook.invoke('reviews.restore', { id: old.id }))).toMatchObject({
      archived: false,
      archivedAt: null,
    });
    expect(await ids()).toEqual(['Kept', 'Old']);
    expect(kept.archived).toBe(false);
    expect(auditRows(casebook).map((row) => row.action)).toEqual(expect.arrayContaining(['archived', 'restored']));
  });

  it('records the status process with the criteria answers stored with each decision', async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(casebook.invoke('reviews.create', { title: 'R', type: 'scr' }));
    const step = (payload: Record<string, unknown>) =>
      casebook.invoke('reviews.recordStatus', { reviewId: review.id, ...payload });

    await ok(step({ status: 'referral-received', date: '2016-01-04' }));
    const before = auditRows(casebook).length;
    expect(
      await step({
        status: 'chair-decided',
        date: '2016-01-05',
        decision: 'scr',
        rationale: 'x',
        criteria: CRITERIA_MET,
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '"Independent Chair\'s decision" cannot be recorded after "Referral received". Next can be: "Considered by the SCR sub-group".',
      },
    });
    expect(
      await step({ status: 'subgroup-considered', date: '2016-01-20', decision: 'scr', rationale: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Answer the SCR criteria questions for "Considered by the SCR sub-group".' },
    });
    expect(auditRows(casebook)).toHaveLength(before);

    await ok(
      step({
        status: 'subgroup-considered',
        date: '2016-01-20',
        decision: 'scr',
        rationale: 'Serious injury; agencies did not share information.',
        criteria: CRITERIA_MET,
      }),
    );
    const decided = await ok<Review>(
      step({
        status: 'chair-decided',
        date: '2016-02-01',
        decision: 'alternative-review',
        rationale: 'A learning review will engage the family better.',
        criteria: CRITERIA_MET,
      }),
    );
    expect(decided.status).toBe('chair-decided');
    expect(decided.statusHistory.map((entry) => entry.status)).toEqual([
      'referral-received',
      'subgroup-considered',
      'chair-decided',
    ]);
    const chair = decided.statusHistory[2];
    expect(chair).toMatchObject({
      statusLabel: "Independent Chair's decision",
      date: '2016-02-01',
      decision: 'alternative-review',
      decisionLabel: 'Alternative multi-agency learning review',
      rationale: 'A learning review will engage the family better.',
      criteria: { answers: CRITERIA_MET, outcome: 'met', openQuestions: [] },
      caution: expect.stringContaining('criteria are met'),
      recordedBy: expect.any(String),
    });
    expect(chair?.criteria?.explanation).toMatch(/^The criteria for a Serious Case Review are met/);
    expect(decided.nextStatuses).toEqual([{ status: 'in-progress', label: 'Review in progress' }]);

    for (const [status, date] of [
      ['in-progress', '2016-02-10'],
      ['draft-report', '2016-09-01'],
      ['board-signed-off', '2016-11-01'],
      ['published', '2016-12-01'],
    ]) {
      await ok(step({ status, date }));
    }
    const published = await ok<Review>(casebook.invoke('reviews.get', { id: review.id }));
    expect(published).toMatchObject({ status: 'published', statusLabel: 'Published', nextStatuses: [] });
    const statusAudit = auditRows(casebook).filter((row) => row.action === 'status recorded');
    expect(statusAudit).toHaveLength(7);
    expect(JSON.parse(statusAudit[2]?.detail ?? '{}')).toEqual({
      step: expect.any(Number),
      status: 'chair-decided',
      decision: 'alternative-review',
    });
    expect(auditRows(casebook).some((row) => (row.detail ?? '').includes('family'))).toBe(false);
  });

  it('checks the criteria as the reviewer answers, even while locked', async () => {
    const casebook = await unlockedApp();
    expect(
      await ok(casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'yes', childDied: 'yes' })),
    ).toMatchObject({
      outcome: 'met',
    });
    await casebook.invoke('vault.lock', {});
    // Ruling out abuse or neglect is not enough under 2015: a death in custody would still need a review.
    expect(await ok(casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'no' }))).toMatchObject({
      outcome: 'not-yet-answerable',
      openQuestions: ['childDied', 'diedInCustody'],
    });
    expect(await ok(casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'no', childDied: 'no' }))).toMatchObject(
      {
        outcome: 'not-met',
      },
    );
    expect(await casebook.invoke('reviews.criteriaCheck', { abuseOrNeglect: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await casebook.invoke('reviews.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});

describe('people', () => {
  it('adds, lists, updates and removes people; each pseudonym is unique within its review', async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'R', type: 'scr', agencies: ['GP surgery'] }),
    );
    const other = await ok<Review>(casebook.invoke('reviews.create', { title: 'S', type: 'scr' }));
    const add = (payload: Record<string, unknown>) =>
      casebook.invoke('people.add', { reviewId: review.id, ...payload });

    const gp = await ok<Person>(
      add({ name: 'Dr Jane Smith', role: 'Professional', pseudonym: 'GP1', relationship: 'GP', agency: 'gp SURGERY' }),
    );
    expect(gp).toMatchObject({
      reviewId: review.id,
      name: 'Dr Jane Smith',
      role: 'professional',
      roleLabel: 'Professional',
      pseudonym: 'GP1',
      agency: 'GP surgery',
      agencyId: review.agencies[0]?.id,
      notes: null,
    });
    const child = await ok<Person>(add({ name: 'Harry Jones', role: 'child', pseudonym: 'Child H' }));
    const mother = await ok<Person>(
      add({ name: 'Mary Jones', role: 'parent', pseudonym: 'Mother', relationship: 'Mother' }),
    );
    // An agency named for the first time joins the review's agencies.
    const hv = await ok<Person>(
      add({ name: 'Sam Lee', role: 'professional', pseudonym: 'HV1', agency: 'Health visiting' }),
    );
    expect((await ok<Review>(casebook.invoke('reviews.get', { id: review.id }))).agencies.map((a) => a.name)).toEqual([
      'GP surgery',
      'Health visiting',
    ]);

    const before = auditRows(casebook).length;
    expect(await add({ name: 'Another', role: 'child', pseudonym: 'child h' })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'The pseudonym "child h" is already used by another person in this review; each person needs their own.',
      },
    });
    expect(await add({ name: 'Another', role: 'uncle', pseudonym: 'X' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: expect.stringContaining('Choose a role: child, parent, family-member'),
      },
    });
    expect(await add({ name: 'Another', role: 'child', pseudonym: '' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Enter the pseudonym or role code') },
    });
    expect(auditRows(casebook)).toHaveLength(before);
    // The same pseudonym in a different review is fine.
    await ok(
      casebook.invoke('people.add', { reviewId: other.id, name: 'Other child', role: 'child', pseudonym: 'Child H' }),
    );

    const listed = await ok<Person[]>(casebook.invoke('people.list', { reviewId: review.id }));
    expect(listed.map((person) => person.pseudonym)).toEqual(['Child H', 'Mother', 'GP1', 'HV1']);

    expect(await casebook.invoke('people.update', { id: mother.id, pseudonym: 'GP1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const renamed = await ok<Person>(
      casebook.invoke('people.update', { id: child.id, pseudonym: 'Child A', notes: 'Born 2012', relationship: '' }),
    );
    expect(renamed).toMatchObject({
      pseudonym: 'Child A',
      notes: 'Born 2012',
      relationship: null,
      name: 'Harry Jones',
    });
    expect(await ok(casebook.invoke('people.update', { id: child.id, pseudonym: 'CHILD A' }))).toMatchObject({
      pseudonym: 'CHILD A',
    });

    expect(
      await ok(
        casebook.invoke('people.suggestPseudonym', { reviewId: review.id, role: 'professional', relationship: 'GP' }),
      ),
    ).toEqual({
      pseudonym: 'GP2',
    });
    expect(await ok(casebook.invoke('people.suggestPseudonym', { reviewId: review.id, role: 'child' }))).toEqual({
      pseudonym: 'Child B',
    });

    // An agency someone works for cannot be dropped from the review.
    expect(await casebook.invoke('reviews.update', { id: review.id, agencies: ['GP surgery'] })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '"Health visiting" cannot be removed: 1 person in this review works for it. Change their agency first.',
      },
    });
    await ok(casebook.invoke('people.update', { id: hv.id, agency: null }));
    await ok(casebook.invoke('reviews.update', { id: review.id, agencies: ['GP surgery'] }));

    expect(await ok(casebook.invoke('people.remove', { id: gp.id }))).toEqual({ removed: true });
    expect(await casebook.invoke('people.remove', { id: gp.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const personAudit = auditRows(casebook).filter((row) => row.entity === 'person');
    expect(personAudit.map((row) => row.action)).toEqual([
      'added',
      'added',
      'added',
      'added',
      'added',
      'updated',
      'updated',
      'updated',
      'removed',
    ]);
    const detail = auditRows(casebook)
      .map((row) => row.detail ?? '')
      .join(' ');
    for (const secret of ['Smith', 'Jones', 'Child', 'GP1', 'Mother', 'Born']) expect(detail).not.toContain(secret);
    expect(verifyAuditChain(casebook.session.current().database)).toMatchObject({ ok: true });
  });

  it('refuses changes to the people of an archived review', async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(casebook.invoke('reviews.create', { title: 'R', type: 'scr' }));
    await ok(casebook.invoke('reviews.archive', { id: review.id }));
    expect(
      await casebook.invoke('people.add', { reviewId: review.id, name: 'A', role: 'child', pseudonym: 'Child A' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This review is archived; restore it to make changes.' },
    });
    expect(
      await casebook.invoke('people.add', { reviewId: 'missing', name: 'A', role: 'child', pseudonym: 'Child A' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'review not found: missing' },
    });
  });

  it('deleting a review takes its agencies, status history and people with it', async () => {
    const casebook = await unlockedApp();
    const review = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'R', type: 'scr', agencies: ['Police'] }),
    );
    await ok(
      casebook.invoke('people.add', {
        reviewId: review.id,
        name: 'A',
        role: 'professional',
        pseudonym: 'PO1',
        agency: 'Police',
      }),
    );
    await ok(
      casebook.invoke('reviews.recordStatus', { reviewId: review.id, status: 'in-progress', date: '2016-01-01' }),
    );
    const database = casebook.session.current().database;
    // No channel deletes a review (archive instead); the schema still must not leave orphans.
    database.prepare('DELETE FROM review WHERE id = ?').run(review.id);
    for (const table of ['review_agency', 'review_status_step', 'person']) {
      expect(database.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
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
