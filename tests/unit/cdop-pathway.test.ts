import { describe, expect, it } from 'vitest';
import { formStatus, jointAgencyResponseProblem, selectWorkList, stepDateProblem } from '../../shared/cdop/pathway.js';

describe('agency reporting forms: due and overdue', () => {
  it('is due the default days after the request unless it has its own date', () => {
    expect(formStatus({ requestedOn: '2025-01-31', dueOn: null, receivedOn: null }, '2025-02-01', 28)).toEqual({
      due: '2025-02-28',
      dueIsDefault: true,
      overdue: false,
      daysOverdue: 0,
    });
    expect(formStatus({ requestedOn: '2025-01-31', dueOn: '2025-03-10', receivedOn: null }, '2025-03-01', 28)).toEqual({
      due: '2025-03-10',
      dueIsDefault: false,
      overdue: false,
      daysOverdue: 0,
    });
  });

  it('is overdue from the day after it is due, and never once received', () => {
    const form = { requestedOn: '2025-01-01', dueOn: null, receivedOn: null };
    expect(formStatus(form, '2025-01-29', 28)).toMatchObject({ due: '2025-01-29', overdue: false });
    expect(formStatus(form, '2025-01-30', 28)).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(formStatus({ ...form, receivedOn: '2025-03-01' }, '2025-06-01', 28)).toMatchObject({
      overdue: false,
      daysOverdue: 0,
    });
  });
});

describe('pathway steps', () => {
  it('refuses a Joint Agency Response only for a death recorded as expected', () => {
    expect(jointAgencyResponseProblem('expected')).toMatch(/unexpected deaths/);
    expect(jointAgencyResponseProblem('unexpected')).toBeNull();
    expect(jointAgencyResponseProblem(null)).toBeNull();
  });

  it('puts steps on or after the death', () => {
    expect(stepDateProblem('The review meeting', '2025-01-01', '2025-01-02')).toMatch(/before the date of death/);
    expect(stepDateProblem('The review meeting', '2025-01-02', '2025-01-02')).toBeNull();
  });
});

describe('the work list', () => {
  const settings = { formDueDays: 28, openCaseDays: 180 };
  const cases = [
    { id: 'a', reference: 'A', status: 'information_gathering' as const, dateNotified: '2025-05-01' },
    { id: 'b', reference: 'B', status: 'notified' as const, dateNotified: '2024-10-01' },
    { id: 'c', reference: 'C', status: 'reviewed' as const, dateNotified: '2024-01-01' },
  ];
  const form = (id: string, caseId: string, requestedOn: string, receivedOn: string | null = null) => ({
    id,
    caseId,
    agency: `Agency ${id}`,
    requestedOn,
    dueOn: null,
    receivedOn,
  });

  it('selects open cases waiting on forms, the overdue forms and the cases open too long', () => {
    const list = selectWorkList(
      cases,
      [
        form('1', 'a', '2025-05-20'), // due 17 June: waiting, not overdue
        form('2', 'a', '2025-04-01'), // due 29 April: 33 days overdue
        form('3', 'b', '2025-05-01', '2025-05-10'), // received
        form('4', 'c', '2024-01-01'), // reviewed case: not work
      ],
      '2025-06-01',
      settings,
    );
    expect(list.waitingOnForms.map((w) => [w.case.id, w.waitingOn.map((f) => f.id)])).toEqual([['a', ['2', '1']]]);
    expect(list.overdueForms.map((o) => [o.case.id, o.form.id, o.form.daysOverdue])).toEqual([['a', '2', 33]]);
    // B notified 243 days before; A 31 days; C is reviewed.
    expect(list.openTooLong.map((o) => [o.case.id, o.daysOpen])).toEqual([['b', 243]]);
  });

  it('follows the configured thresholds', () => {
    const list = selectWorkList(cases, [form('1', 'a', '2025-05-20')], '2025-06-01', {
      formDueDays: 7,
      openCaseDays: 30,
    });
    expect(list.overdueForms.map((o) => [o.form.id, o.form.due, o.form.daysOverdue])).toEqual([['1', '2025-05-27', 5]]);
    expect(list.openTooLong.map((o) => o.case.id)).toEqual(['b', 'a']);
  });
});
