import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import { addDays } from '../../shared/cdop/dates.js';
import { answer } from '../support/api.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** The child death review pathway through the real dispatcher, on a real encrypted vault. */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | null = null;

afterEach(() => {
  app?.close();
  app = null;
});

// The handlers judge dates against the real today, so the test's dates are relative to it.
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => addDays(today, -days);

async function unlockedApp(path = join(tempDirectory(), 'pathway.vault')): Promise<CasebookApp> {
  app = createCasebookApp(path, { scrypt: FAST_SCRYPT });
  const created = await app.invoke('vault.create', { passphrase: PASSPHRASE });
  expect(created.ok).toBe(true);
  return app;
}

async function newCase(target: CasebookApp, reference: string, notifiedDaysAgo: number, extra: object = {}) {
  return answer(target, 'cdop.case.create', {
    reference,
    childName: `Child ${reference}`,
    dateOfBirth: daysAgo(notifiedDaysAgo + 400),
    sex: 'female',
    dateOfDeath: daysAgo(notifiedDaysAgo + 1),
    dateNotified: daysAgo(notifiedDaysAgo),
    ...extra,
  });
}

describe('agency reporting forms', () => {
  it('are due by the configured default unless given a date, overdue by derivation, chased and read by domain', async () => {
    const target = await unlockedApp();
    const record = await newCase(target, 'P-001', 60);
    await answer(target, 'cdop.agencyReport.request', { caseId: record.id, agency: 'GP', requestedOn: daysAgo(40) });
    await answer(target, 'cdop.agencyReport.request', {
      caseId: record.id,
      agency: 'School',
      requestedOn: daysAgo(10),
    });

    let pathway = await answer(target, 'cdop.pathway.get', { caseId: record.id });
    expect(pathway.formDueDays).toBe(28);
    expect(pathway.agencyForms.map((f) => [f.agency, f.due, f.overdue, f.daysOverdue])).toEqual([
      ['GP', daysAgo(12), true, 12],
      ['School', addDays(today, 18), false, 0],
    ]);
    const [gp, school] = pathway.agencyForms;
    if (!gp || !school) throw new Error('two forms expected');

    // A longer default makes the GP form not overdue: nothing was stored about being overdue.
    await answer(target, 'settings.update', { cdopFormDueDays: 60 });
    pathway = await answer(target, 'cdop.pathway.get', { caseId: record.id });
    expect(pathway.agencyForms[0]).toMatchObject({ agency: 'GP', due: addDays(today, 20), overdue: false });

    // Its own due date wins over the default; null returns it to the default.
    pathway = await answer(target, 'cdop.agencyForm.update', { id: gp.id, dueOn: daysAgo(3) });
    expect(pathway.agencyForms[0]).toMatchObject({ dueOn: daysAgo(3), due: daysAgo(3), overdue: true, daysOverdue: 3 });

    pathway = await answer(target, 'cdop.agencyForm.chase', {
      reportId: gp.id,
      chasedOn: daysAgo(1),
      chasedBy: 'CDOP manager, by phone',
      note: 'Promised by Friday',
    });
    expect(pathway.agencyForms[0]?.chases).toEqual([
      { id: expect.any(String), chasedOn: daysAgo(1), chasedBy: 'CDOP manager, by phone', note: 'Promised by Friday' },
    ]);

    pathway = await answer(target, 'cdop.agencyForm.update', {
      id: gp.id,
      involvement: 'Registered with the practice since birth; seen twice in the last month.',
      factors: [
        { domain: 'C', text: 'Damp housing noted at a home visit.' },
        { domain: 'A', text: 'Asthma, under review.' },
        { domain: 'B', text: '' },
      ],
    });
    expect(pathway.agencyForms[0]).toMatchObject({
      involvement: 'Registered with the practice since birth; seen twice in the last month.',
      // In the form's domain order; a blank domain is not kept.
      factors: [
        { domain: 'A', text: 'Asthma, under review.' },
        { domain: 'C', text: 'Damp housing noted at a home visit.' },
      ],
    });

    // Received: no longer overdue, whatever the dates.
    await answer(target, 'cdop.agencyReport.update', { id: gp.id, receivedOn: today });
    pathway = await answer(target, 'cdop.pathway.get', { caseId: record.id });
    expect(pathway.agencyForms[0]).toMatchObject({ receivedOn: today, overdue: false, daysOverdue: 0 });

    // Removing the chase; the audit log names the changes without their words.
    pathway = await answer(target, 'cdop.agencyForm.removeChase', { id: pathway.agencyForms[0]?.chases[0]?.id });
    expect(pathway.agencyForms[0]?.chases).toEqual([]);
    const audit = await answer(target, 'audit.recent', { limit: 20 });
    expect(audit.map((entry) => `${entry.entity} ${entry.action}`)).toEqual(
      expect.arrayContaining([
        'cdop_agency_report form updated',
        'cdop_agency_report_chase added',
        'cdop_agency_report_chase removed',
      ]),
    );
  });

  it('refuses a domain not on the case form, a due date before the request and a blank chaser, changing nothing', async () => {
    const target = await unlockedApp();
    const record = await newCase(target, 'P-002', 30);
    const detail = await answer(target, 'cdop.agencyReport.request', {
      caseId: record.id,
      agency: 'Health visiting',
      requestedOn: daysAgo(20),
    });
    const reportId = detail.agencyReports[0]?.id;

    const wrongDomain = await target.invoke('cdop.agencyForm.update', {
      id: reportId,
      involvement: 'Should not be kept',
      factors: [{ domain: '4', text: 'Form C domain on a 2018 form' }],
    });
    expect(wrongDomain).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/Domain 4 is not on this case's form/) },
    });
    const early = await target.invoke('cdop.agencyForm.update', { id: reportId, dueOn: daysAgo(25) });
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringMatching(/before the date the form/) } });
    const blank = await target.invoke('cdop.agencyForm.chase', { reportId, chasedOn: today, chasedBy: '  ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const unknown = await target.invoke('cdop.agencyForm.chase', { reportId: 'nope', chasedOn: today, chasedBy: 'Me' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const pathway = await answer(target, 'cdop.pathway.get', { caseId: record.id });
    expect(pathway.agencyForms[0]).toMatchObject({ dueOn: null, involvement: null, factors: [], chases: [] });
  });
});

describe('Joint Agency Response and Child Death Review Meeting', () => {
  it('records both, replaces them, and refuses a JAR for an expected death or a date before death', async () => {
    const target = await unlockedApp();
    const record = await newCase(target, 'P-003', 20, { expected: 'unexpected' });

    let pathway = await answer(target, 'cdop.jointAgencyResponse.set', {
      caseId: record.id,
      heldOn: daysAgo(20),
      leadProfessionals: 'Dr A Paediatrician; DS B Police',
      homeVisit: true,
    });
    expect(pathway.jointAgencyResponse).toEqual({
      heldOn: daysAgo(20),
      leadProfessionals: 'Dr A Paediatrician; DS B Police',
      homeVisit: true,
    });
    const beforeDeath = await target.invoke('cdop.jointAgencyResponse.set', { caseId: record.id, heldOn: daysAgo(30) });
    expect(beforeDeath).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/before the date of death/) },
    });

    pathway = await answer(target, 'cdop.reviewMeeting.set', {
      caseId: record.id,
      heldOn: daysAgo(2),
      attendees: [
        { role: 'Designated doctor for child deaths', name: 'Dr C' },
        { role: 'GP', name: '' },
      ],
      outcome: 'Ready for panel; two factors for the panel to grade.',
    });
    expect(pathway.reviewMeeting).toEqual({
      heldOn: daysAgo(2),
      attendees: [
        { role: 'Designated doctor for child deaths', name: 'Dr C' },
        { role: 'GP', name: null },
      ],
      outcome: 'Ready for panel; two factors for the panel to grade.',
    });
    pathway = await answer(target, 'cdop.reviewMeeting.set', {
      caseId: record.id,
      heldOn: daysAgo(1),
      attendees: [{ role: 'Police' }],
    });
    expect(pathway.reviewMeeting).toEqual({
      heldOn: daysAgo(1),
      attendees: [{ role: 'Police', name: null }],
      outcome: null,
    });

    pathway = await answer(target, 'cdop.reviewMeeting.remove', { caseId: record.id });
    expect(pathway.reviewMeeting).toBeNull();
    pathway = await answer(target, 'cdop.jointAgencyResponse.remove', { caseId: record.id });
    expect(pathway.jointAgencyResponse).toBeNull();

    const expected = await newCase(target, 'P-004', 20, { expected: 'expected' });
    const refused = await target.invoke('cdop.jointAgencyResponse.set', { caseId: expected.id, heldOn: daysAgo(20) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/expected/) },
    });
    expect((await answer(target, 'cdop.pathway.get', { caseId: expected.id })).jointAgencyResponseProblem).toMatch(
      /unexpected deaths/,
    );
  });
});

describe('the work list', () => {
  it('lists cases waiting on forms, overdue forms, cases open too long and the next panel pack, by the settings', async () => {
    const target = await unlockedApp();
    const waiting = await newCase(target, 'W-001', 50);
    const old = await newCase(target, 'W-002', 200);
    const reviewed = await newCase(target, 'W-003', 300);
    await answer(target, 'cdop.agencyReport.request', { caseId: waiting.id, agency: 'GP', requestedOn: daysAgo(40) });
    await answer(target, 'cdop.agencyReport.request', {
      caseId: waiting.id,
      agency: 'School',
      requestedOn: daysAgo(5),
    });
    await answer(target, 'cdop.agencyReport.request', {
      caseId: reviewed.id,
      agency: 'Police',
      requestedOn: daysAgo(250),
    });
    for (const status of ['information_gathering', 'ready_for_panel'] as const) {
      await answer(target, 'cdop.case.setStatus', { id: reviewed.id, status });
    }
    await answer(target, 'cdop.case.setCategory', { id: reviewed.id, category: 2 });
    await answer(target, 'cdop.case.setOutcome', { id: reviewed.id, outcome: 'none' });
    await answer(target, 'cdop.case.setStatus', {
      id: reviewed.id,
      status: 'reviewed',
      dateReviewCompleted: daysAgo(1),
    });
    await answer(target, 'cdop.panelMeeting.add', { caseId: waiting.id, meetingDate: addDays(today, 14) });
    await answer(target, 'cdop.panelMeeting.add', { caseId: old.id, meetingDate: addDays(today, 14) });
    await answer(target, 'cdop.panelMeeting.add', { caseId: old.id, meetingDate: addDays(today, 40) });

    let list = await answer(target, 'cdop.workList', {});
    expect(list.today).toBe(today);
    expect(list.waitingOnForms.map((w) => [w.case.reference, w.waitingOn.map((f) => f.agency)])).toEqual([
      ['W-001', ['GP', 'School']],
    ]);
    expect(list.overdueForms.map((o) => [o.case.reference, o.form.agency, o.form.daysOverdue])).toEqual([
      ['W-001', 'GP', 12],
    ]);
    expect(list.openTooLong.map((o) => [o.case.reference, o.daysOpen])).toEqual([['W-002', 200]]);
    expect(list.nextPanel?.meetingDate).toBe(addDays(today, 14));
    expect(list.nextPanel?.cases.map((c) => c.case.reference).sort()).toEqual(['W-001', 'W-002']);

    await answer(target, 'settings.update', { cdopFormDueDays: 45, cdopOpenCaseDays: 30 });
    list = await answer(target, 'cdop.workList', {});
    expect(list.settings).toEqual({ formDueDays: 45, openCaseDays: 30 });
    expect(list.overdueForms).toEqual([]);
    expect(list.openTooLong.map((o) => o.case.reference)).toEqual(['W-002', 'W-001']);
  });

  it('refuses settings out of range and is empty on an empty vault', async () => {
    const target = await unlockedApp();
    expect(await target.invoke('settings.update', { cdopFormDueDays: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await answer(target, 'cdop.workList', {})).toMatchObject({
      waitingOnForms: [],
      overdueForms: [],
      openTooLong: [],
      nextPanel: null,
    });
  });
});
