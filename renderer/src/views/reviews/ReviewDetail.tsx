import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import type { Review } from '../../../../shared/api/contract.js';
import { StatusMessage } from '../../components/Alert.js';
import { ConfirmDialog, useConfirmedChange } from '../../components/ConfirmDialog.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formatDay } from '../../format.js';
import { replacePath } from '../../router.js';
import { useData } from '../../state/data.js';
import { useNotice } from '../../state/notice.js';
import { AnalysisView } from '../analysis/AnalysisView.js';
import { ChronologyTab } from '../chronology/Chronology.js';
import { ReportTab } from '../report/ReportTab.js';
import { TimelineView } from '../timeline/TimelineView.js';
import { formatScope } from './format.js';
import { People } from './People.js';
import { CaseDates, DeadlineWarnings } from './ReviewClock.js';
import { reviewsPath } from './routes.js';
import { StatusHistory } from './StatusHistory.js';
import { TermsOfReference } from './TermsOfReference.js';

/**
 * The tabs of a review, in order. `id` is the last part of the address
 * (`#/reviews/<review id>/<tab id>`); the first tab is the default.
 */
export interface ReviewTab {
  id: string;
  label: string;
  render: (review: Review) => ReactNode;
}

export const REVIEW_TABS: readonly ReviewTab[] = [
  { id: 'overview', label: 'Overview', render: (review) => <Overview review={review} /> },
  { id: 'status', label: 'Status history', render: (review) => <StatusHistory review={review} /> },
  { id: 'people', label: 'People', render: (review) => <People review={review} /> },
  { id: 'chronology', label: 'Chronology', render: (review) => <ChronologyTab review={review} /> },
  { id: 'timeline', label: 'Timeline', render: (review) => <TimelineView review={review} /> },
  { id: 'analysis', label: 'Analysis', render: (review) => <AnalysisView owner={{ kind: 'review', id: review.id }} /> },
  {
    id: 'report',
    label: 'Report',
    render: (review) => <ReportTab review={review} />,
  },
];

export function ReviewDetail({ id, tab }: { id: string; tab: string | null }) {
  const loaded = useData('reviews.get', { id });
  const review = loaded.value;
  const shownNotice = useNotice();

  if (!review) {
    return (
      <>
        <PageHeading title="Review">Review</PageHeading>
        <Pending
          data={loaded}
          loading="Loading the review…"
          back={{ href: reviewsPath.list(), label: 'Back to reviews' }}
        />
      </>
    );
  }

  const current = REVIEW_TABS.find((candidate) => candidate.id === tab) ?? REVIEW_TABS[0];
  return (
    <>
      <p className="breadcrumb">
        <a href={reviewsPath.list()}>Back to reviews</a>
      </p>
      <PageHeading title={review.title}>{review.title}</PageHeading>
      <dl className="review-meta">
        <div>
          <dt>Type</dt>
          <dd>{review.typeLabel}</dd>
        </div>
        <div>
          <dt>Scope period</dt>
          <dd>{formatScope(review.scopeFrom, review.scopeTo)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{review.statusLabel}</dd>
        </div>
      </dl>
      {review.archived ? (
        <p className="banner archived-banner">
          <strong>Archived{review.archivedAt ? ` on ${formatDay(review.archivedAt)}` : ''}.</strong> This review is
          read-only; restore it (on the Overview tab) to make changes.
        </p>
      ) : null}
      <DeadlineWarnings review={review} />
      <StatusMessage message={shownNotice} />
      {current ? <Tabs review={review} current={current} /> : null}
    </>
  );
}

function Tabs({ review, current }: { review: Review; current: ReviewTab }) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const tabId = (tab: ReviewTab) => `${baseId}-tab-${tab.id}`;
  const panelId = (tab: ReviewTab) => `${baseId}-panel-${tab.id}`;

  function select(tab: ReviewTab, focus: boolean) {
    replacePath(reviewsPath.detail(review.id, tab.id === REVIEW_TABS[0]?.id ? undefined : tab.id));
    if (focus) requestAnimationFrame(() => document.getElementById(tabId(tab))?.focus());
  }

  // Arrow keys move between tabs (and show them), Home and End go to the ends: the ARIA tabs pattern.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = REVIEW_TABS.indexOf(current);
    const last = REVIEW_TABS.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    const tab = target === null ? undefined : REVIEW_TABS[target];
    if (!tab) return;
    event.preventDefault();
    select(tab, true);
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label="Review sections" className="tab-list" ref={listRef} onKeyDown={onKeyDown}>
        {REVIEW_TABS.map((tab) => {
          const selected = tab === current;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab)}
              aria-selected={selected}
              aria-controls={selected ? panelId(tab) : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => select(tab, false)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId(current)} aria-labelledby={tabId(current)} className="tab-panel">
        {current.render(review)}
      </div>
    </div>
  );
}

function Overview({ review }: { review: Review }) {
  const termsId = useId();
  const agenciesId = useId();
  const leadsId = useId();
  const archiving = useConfirmedChange<true>();

  async function toggleArchived() {
    const outcome = await archiving.run(
      review.archived ? 'reviews.restore' : 'reviews.archive',
      { id: review.id },
      {
        refresh: ['reviews.'],
        done: review.archived ? 'Review restored: it can be changed again.' : 'Review archived: it is now read-only.',
      },
    );
    if (outcome.ok) archiving.close();
  }

  return (
    <>
      <div className="actions">
        {review.archived ? null : (
          <a className="button-link secondary" href={reviewsPath.edit(review.id)}>
            Edit review
          </a>
        )}
        <button
          type="button"
          className={review.archived ? 'secondary' : 'secondary danger-outline'}
          onClick={() => archiving.ask(true)}
        >
          {review.archived ? 'Restore review' : 'Archive review'}
        </button>
      </div>
      <StatusMessage message={archiving.status} />
      <CaseDates review={review} />
      <section aria-labelledby={termsId}>
        <h2 id={termsId}>Terms of reference</h2>
        <TermsOfReference text={review.termsOfReference} />
      </section>
      <section aria-labelledby={agenciesId}>
        <h2 id={agenciesId}>Agencies involved</h2>
        {review.agencies.length > 0 ? (
          <ul>
            {review.agencies.map((agency) => (
              <li key={agency.id}>{agency.name}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">No agencies recorded yet.</p>
        )}
      </section>
      <section aria-labelledby={leadsId}>
        <h2 id={leadsId}>Lead reviewers</h2>
        {review.leadReviewers.length > 0 ? (
          <ul>
            {review.leadReviewers.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">No lead reviewer recorded yet.</p>
        )}
      </section>
      <ConfirmDialog
        {...archiving.dialog}
        title={review.archived ? 'Restore this review?' : 'Archive this review?'}
        confirmLabel={review.archived ? 'Restore review' : 'Archive review'}
        danger={!review.archived}
        onConfirm={() => void toggleArchived()}
      >
        {review.archived ? (
          <p>“{review.title}” returns to the list of current reviews and can be changed again.</p>
        ) : (
          <p>
            “{review.title}” leaves the list of current reviews and becomes read-only. Nothing is deleted: you can
            restore it at any time from the archived reviews.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
