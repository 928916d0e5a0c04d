import { useId } from 'react';
import type { Deadline, Review, ReviewSummary } from '../../../../shared/api/contract.js';
import { REVIEW_CLOCK_DATE_LABELS, type ReviewClockDates } from '../../../../shared/reviews/index.js';
import { formatDate } from '../../format.js';

/**
 * The post-2018 clock of a serious child safeguarding case on screen: the dates,
 * the working-day due dates the main process counted, and a warning for each one
 * overdue or done late. Nothing is computed here: the due dates come with the review.
 */

const DONE_FIELD: Record<Deadline['step'], keyof ReviewClockDates> = {
  notification: 'notifiedOn',
  'rapid-review': 'rapidReviewHeldOn',
};

/** The reviews list's marker: which deadlines are overdue, or nothing. */
export function OverdueMarker({ review }: { review: ReviewSummary }) {
  const overdue = review.deadlines.filter((deadline) => deadline.overdue);
  if (overdue.length === 0) return null;
  return (
    <span className="tag tag-overdue" title={overdue.map((deadline) => deadline.warning).join(' ')}>
      Overdue: {overdue.map((deadline) => deadline.label.toLowerCase()).join(', ')}
    </span>
  );
}

/** One line per deadline overdue or done late, above the tabs so every tab shows it. */
export function DeadlineWarnings({ review }: { review: Review }) {
  const warnings = review.deadlines.filter((deadline) => deadline.warning !== null);
  if (warnings.length === 0) return null;
  return (
    <div className="banner deadline-banner" role="alert">
      {warnings.map((deadline) => (
        <p key={deadline.step}>
          <strong>{deadline.overdue ? 'Overdue' : 'Late'}.</strong> {deadline.label}{' '}
          {deadline.overdue
            ? `was due by ${formatDate(deadline.due)} (${deadline.workingDays} working days after becoming aware) and is not recorded as done.`
            : `was done on ${formatDate(deadline.done)}, after its due date of ${formatDate(deadline.due)}.`}
        </p>
      ))}
    </div>
  );
}

function stateOf(deadline: Deadline): string {
  if (deadline.overdue) return 'Overdue';
  if (deadline.late) return 'Done late';
  if (deadline.done) return 'Done in time';
  return 'Not yet due';
}

/** The Overview's table of the clock: each step, when it happened and, for two of them, when it is due. */
export function CaseDates({ review }: { review: Review }) {
  const headingId = useId();
  const due = new Map(review.deadlines.map((deadline) => [DONE_FIELD[deadline.step], deadline]));
  const rows: (keyof ReviewClockDates)[] = ['awareOn', 'notifiedOn', 'rapidReviewHeldOn', 'decidedOn', 'publishedOn'];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Notification and rapid review</h2>
      {review.awareOn === null ? (
        <p className="muted">
          No date of becoming aware of the incident yet. Enter it (Edit review) and Casebook counts the notification and
          rapid review due dates in working days.
        </p>
      ) : null}
      <table className="clock-table">
        <caption className="visually-hidden">Dates of the serious child safeguarding case</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Date</th>
            <th scope="col">Due by</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((field) => {
            const deadline = due.get(field);
            const date = review[field];
            return (
              <tr key={field} className={deadline?.overdue ? 'overdue' : undefined}>
                <th scope="row">{REVIEW_CLOCK_DATE_LABELS[field]}</th>
                <td className="nowrap">{date ? formatDate(date) : <span className="muted">Not recorded</span>}</td>
                <td className="nowrap" data-due={deadline?.due}>
                  {deadline ? (
                    <>
                      {formatDate(deadline.due)} <span className="muted">({deadline.workingDays} working days)</span>
                    </>
                  ) : null}
                </td>
                <td>{deadline ? stateOf(deadline) : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {review.deadlines.length > 0 ? (
        <p className="hint">
          Day 0 is the date of becoming aware. Working days skip weekends, the bank holidays of England and Wales and
          the extra non-working days in Settings.
        </p>
      ) : null}
    </section>
  );
}
