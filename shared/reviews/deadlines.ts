import { addWorkingDays } from '../calendar/working-days.js';

/**
 * The clock of a serious child safeguarding case (Working Together 2018 and 2023):
 * from the day the safeguarding partners become aware of the incident (day 0),
 * the local authority notifies the national Child Safeguarding Practice Review
 * Panel within 5 working days, and the partners complete a rapid review within 15
 * working days. Then a decision (a local child safeguarding practice review, the
 * national panel's review, or none) and, later, publication; those have no
 * statutory working-day limit here, so they are dates without a due date.
 */

export const REVIEW_CLOCK_STEPS = [
  { step: 'notification', label: 'Notification to the national panel', workingDays: 5, doneField: 'notifiedOn' },
  { step: 'rapid-review', label: 'Rapid review', workingDays: 15, doneField: 'rapidReviewHeldOn' },
] as const;

export type ReviewClockStep = (typeof REVIEW_CLOCK_STEPS)[number]['step'];

/** The review's dates on the post-2018 path, each YYYY-MM-DD or null while not yet known. */
export interface ReviewClockDates {
  /** When the safeguarding partners became aware of the incident: day 0. */
  awareOn: string | null;
  /** When the Serious Incident Notification was sent to the national panel. */
  notifiedOn: string | null;
  rapidReviewHeldOn: string | null;
  /** When the partners decided on a local review, the national panel's review, or none. */
  decidedOn: string | null;
  publishedOn: string | null;
}

export const REVIEW_CLOCK_DATE_LABELS: Record<keyof ReviewClockDates, string> = {
  awareOn: 'Became aware of the incident',
  notifiedOn: 'Notification sent to the national panel',
  rapidReviewHeldOn: 'Rapid review held',
  decidedOn: 'Decision on a review',
  publishedOn: 'Published',
};

export interface Deadline {
  step: ReviewClockStep;
  label: string;
  workingDays: number;
  /** YYYY-MM-DD: the last day it may be done on. */
  due: string;
  /** When it was done, or null. */
  done: string | null;
  /** Not done and the due date has passed. */
  overdue: boolean;
  /** Done, but after the due date. */
  late: boolean;
  /** One sentence for the screen when overdue or late, else null. */
  warning: string | null;
}

/**
 * The due dates counted from `awareOn` (none until it is known), and where each
 * stands on `today`. `extraNonWorkingDays` are the reviewer's own additions to
 * the bank holidays.
 */
export function reviewDeadlines(
  dates: ReviewClockDates,
  today: string,
  extraNonWorkingDays: readonly string[] = [],
): Deadline[] {
  const { awareOn } = dates;
  if (!awareOn) return [];
  return REVIEW_CLOCK_STEPS.map(({ step, label, workingDays, doneField }) => {
    const due = addWorkingDays(awareOn, workingDays, extraNonWorkingDays);
    const done = dates[doneField];
    const overdue = done === null && today > due;
    const late = done !== null && done > due;
    const limit = `${workingDays} working days after becoming aware`;
    let warning: string | null = null;
    if (overdue) warning = `${label} is overdue: it was due by ${due} (${limit}).`;
    if (late) warning = `${label} was late: done on ${done}, due by ${due} (${limit}).`;
    return { step, label, workingDays, due, done, overdue, late, warning };
  });
}

/** Where the dates are out of order, in plain English; null when they are fine. */
export function reviewClockProblem(dates: ReviewClockDates): string | null {
  const order: (keyof ReviewClockDates)[] = ['awareOn', 'notifiedOn', 'rapidReviewHeldOn', 'decidedOn', 'publishedOn'];
  const { awareOn } = dates;
  for (const field of order.slice(1)) {
    const value = dates[field];
    if (value === null) continue;
    if (awareOn === null) {
      return `Enter the date of becoming aware of the incident before "${REVIEW_CLOCK_DATE_LABELS[field]}".`;
    }
    if (value < awareOn) {
      return `"${REVIEW_CLOCK_DATE_LABELS[field]}" (${value}) is before the date of becoming aware (${awareOn}).`;
    }
  }
  if (dates.publishedOn && dates.decidedOn && dates.publishedOn < dates.decidedOn) {
    return `"Published" (${dates.publishedOn}) is before the decision (${dates.decidedOn}).`;
  }
  return null;
}
