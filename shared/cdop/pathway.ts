import type { CaseStatus, Expectedness } from './case.js';
import { addDays, daysBetween } from './dates.js';

/**
 * The steps of the 2018 child death review pathway between notification and the
 * panel, as rules: when an agency's reporting form is due and whether it is
 * overdue, and which cases a CDOP manager's work list shows. Derived from dates
 * whenever asked, never stored, so a changed default or a new day is reflected
 * at once.
 */

/** Calendar days an agency is given to return its form unless the form says otherwise (Settings). */
export const FORM_DUE_DAYS = { min: 1, max: 365, default: 28 } as const;

/** A case still open after this many calendar days from notification shows on the work list (Settings). */
export const OPEN_CASE_DAYS = { min: 1, max: 3650, default: 180 } as const;

export interface PathwaySettings {
  formDueDays: number;
  openCaseDays: number;
}

export interface FormDates {
  requestedOn: string;
  /** Its own due date; null takes the default. */
  dueOn: string | null;
  receivedOn: string | null;
}

export interface FormStatus {
  /** The date it is due: its own, or the default days after the request. */
  due: string;
  dueIsDefault: boolean;
  /** Not received and today is after the due date. */
  overdue: boolean;
  /** Days past the due date; 0 when not overdue. */
  daysOverdue: number;
}

export function formStatus(form: FormDates, today: string, formDueDays: number): FormStatus {
  const due = form.dueOn ?? addDays(form.requestedOn, formDueDays);
  const late = form.receivedOn === null ? daysBetween(due, today) : 0;
  return { due, dueIsDefault: form.dueOn === null, overdue: late > 0, daysOverdue: Math.max(0, late) };
}

/** A case whose review is not complete: neither reviewed by the panel nor closed. */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'reviewed' && status !== 'closed';
}

/** A Joint Agency Response is for unexpected deaths; a case recorded as expected is refused one. */
export function jointAgencyResponseProblem(expected: Expectedness | null): string | null {
  return expected === 'expected'
    ? 'A Joint Agency Response is for unexpected deaths; this death is recorded as expected. Change the notification first if that is wrong.'
    : null;
}

/** Pathway steps come after the death. */
export function stepDateProblem(what: string, date: string, dateOfDeath: string): string | null {
  return date < dateOfDeath ? `${what} is before the date of death` : null;
}

export interface WorkListCase {
  id: string;
  reference: string;
  status: CaseStatus;
  dateNotified: string;
}

export interface WorkListForm extends FormDates {
  id: string;
  caseId: string;
  agency: string;
}

export interface WaitingCase<C, F> {
  case: C;
  /** Forms asked for and not received, each with when it is due. */
  waitingOn: (F & FormStatus)[];
}

export interface OverdueForm<C, F> {
  case: C;
  form: F & FormStatus;
}

export interface LongOpenCase<C> {
  case: C;
  daysOpen: number;
}

export interface WorkList<C, F> {
  today: string;
  settings: PathwaySettings;
  /** Open cases with forms still to come, earliest due first. */
  waitingOnForms: WaitingCase<C, F>[];
  /** Every overdue form, longest overdue first. */
  overdueForms: OverdueForm<C, F>[];
  /** Open cases notified more than `openCaseDays` ago, oldest first. */
  openTooLong: LongOpenCase<C>[];
}

/**
 * What needs doing today. Only open cases count: a reviewed or closed case's
 * missing form is history, not work.
 */
export function selectWorkList<C extends WorkListCase, F extends WorkListForm>(
  cases: readonly C[],
  forms: readonly F[],
  today: string,
  settings: PathwaySettings,
): WorkList<C, F> {
  const open = cases.filter((item) => isOpen(item.status));
  const outstanding = new Map<string, (F & FormStatus)[]>();
  for (const form of forms) {
    if (form.receivedOn !== null) continue;
    const list = outstanding.get(form.caseId) ?? [];
    list.push({ ...form, ...formStatus(form, today, settings.formDueDays) });
    outstanding.set(form.caseId, list);
  }
  const waitingOnForms = open
    .filter((item) => outstanding.has(item.id))
    .map((item) => ({
      case: item,
      waitingOn: (outstanding.get(item.id) ?? []).sort((a, b) => a.due.localeCompare(b.due)),
    }))
    .sort((a, b) => (a.waitingOn[0]?.due ?? '').localeCompare(b.waitingOn[0]?.due ?? ''));
  const overdueForms = waitingOnForms
    .flatMap(({ case: item, waitingOn }) =>
      waitingOn.filter((form) => form.overdue).map((form) => ({ case: item, form })),
    )
    .sort((a, b) => b.form.daysOverdue - a.form.daysOverdue || a.case.reference.localeCompare(b.case.reference));
  const openTooLong = open
    .map((item) => ({ case: item, daysOpen: daysBetween(item.dateNotified, today) }))
    .filter(({ daysOpen }) => daysOpen > settings.openCaseDays)
    .sort((a, b) => b.daysOpen - a.daysOpen);
  return { today, settings, waitingOnForms, overdueForms, openTooLong };
}
