import { describe, expect, it } from 'vitest';
import { type ReviewClockDates, reviewClockProblem, reviewDeadlines } from '../../shared/reviews/index.js';

const NONE: ReviewClockDates = {
  awareOn: null,
  notifiedOn: null,
  rapidReviewHeldOn: null,
  decidedOn: null,
  publishedOn: null,
};

describe('reviewDeadlines', () => {
  it('has none until the date of becoming aware is known', () => {
    expect(reviewDeadlines(NONE, '2022-01-10')).toEqual([]);
  });

  it('gives the notification and rapid review due dates over Christmas and New Year', () => {
    const deadlines = reviewDeadlines({ ...NONE, awareOn: '2021-12-24' }, '2021-12-24');
    expect(deadlines.map(({ step, due }) => ({ step, due }))).toEqual([
      { step: 'notification', due: '2022-01-05' },
      { step: 'rapid-review', due: '2022-01-19' },
    ]);
    expect(deadlines.every((deadline) => !deadline.overdue && deadline.warning === null)).toBe(true);
  });

  it('is overdue the day after the due date while not done, and not on the due date', () => {
    const dates = { ...NONE, awareOn: '2021-12-24' };
    expect(reviewDeadlines(dates, '2022-01-05')[0]?.overdue).toBe(false);
    const [notification, rapid] = reviewDeadlines(dates, '2022-01-06');
    expect(notification?.overdue).toBe(true);
    expect(notification?.warning).toBe(
      'Notification to the national panel is overdue: it was due by 2022-01-05 (5 working days after becoming aware).',
    );
    expect(rapid?.overdue).toBe(false);
  });

  it('is not overdue once done, but says when it was done late', () => {
    const [notification, rapid] = reviewDeadlines(
      { ...NONE, awareOn: '2021-12-24', notifiedOn: '2022-01-07', rapidReviewHeldOn: '2022-01-19' },
      '2022-03-01',
    );
    expect(notification).toMatchObject({ overdue: false, late: true, done: '2022-01-07' });
    expect(notification?.warning).toContain('was late');
    expect(rapid).toMatchObject({ overdue: false, late: false, warning: null });
  });

  it("moves the due dates for the reviewer's own non-working days", () => {
    const [notification] = reviewDeadlines({ ...NONE, awareOn: '2021-12-24' }, '2021-12-24', ['2021-12-29']);
    expect(notification?.due).toBe('2022-01-06');
  });
});

describe('reviewClockProblem', () => {
  it('accepts dates in order and refuses a step before becoming aware, or without it', () => {
    expect(reviewClockProblem({ ...NONE, awareOn: '2022-01-04', notifiedOn: '2022-01-05' })).toBeNull();
    expect(reviewClockProblem({ ...NONE, awareOn: '2022-01-04', notifiedOn: '2022-01-03' })).toContain(
      'before the date of becoming aware',
    );
    expect(reviewClockProblem({ ...NONE, notifiedOn: '2022-01-03' })).toContain('Enter the date of becoming aware');
    expect(
      reviewClockProblem({ ...NONE, awareOn: '2022-01-04', decidedOn: '2022-02-01', publishedOn: '2022-01-20' }),
    ).toContain('before the decision');
  });
});
