import { useId, useState } from 'react';
import type { ChannelInput } from '../../../../shared/api/contract.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formatDay } from '../../format.js';
import { navigate } from '../../router.js';
import { useData } from '../../state/data.js';
import { formatScope } from './format.js';
import { OverdueMarker } from './ReviewClock.js';
import { reviewsPath } from './routes.js';

type ArchivedFilter = NonNullable<ChannelInput<'reviews.list'>['archived']>;

const FILTERS: { value: ArchivedFilter; label: string }[] = [
  { value: 'exclude', label: 'Current' },
  { value: 'only', label: 'Archived' },
  { value: 'include', label: 'All' },
];

export function ReviewsList() {
  const [filter, setFilter] = useState<ArchivedFilter>('exclude');
  const loaded = useData('reviews.list', { archived: filter });
  const list = loaded.value;
  const filterName = useId();

  const newReview = (
    <button type="button" className="primary" onClick={() => navigate(reviewsPath.create())}>
      New review
    </button>
  );

  return (
    <>
      <div className="page-title">
        <PageHeading title="Reviews">Reviews</PageHeading>
        {list && list.length > 0 ? newReview : null}
      </div>
      <fieldset className="segmented">
        <legend>Show</legend>
        {FILTERS.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name={filterName}
              value={option.value}
              checked={filter === option.value}
              onChange={() => setFilter(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      {list === undefined ? (
        <Pending data={loaded} loading="Loading reviews…" />
      ) : list.length === 0 ? (
        <section className="empty-state" aria-labelledby={`${filterName}-empty`}>
          <h2 id={`${filterName}-empty`}>{filter === 'only' ? 'No archived reviews' : 'No reviews yet'}</h2>
          <p>
            {filter === 'only'
              ? 'Reviews you archive are kept here, read-only, until you restore them.'
              : 'A review holds its terms of reference, status history, the people involved and, later, the integrated chronology.'}
          </p>
          {filter === 'only' ? null : <div className="empty-actions">{newReview}</div>}
        </section>
      ) : (
        <div className="table-wrap">
          <table className="reviews-table">
            <caption className="visually-hidden">
              {filter === 'exclude' ? 'Current reviews' : filter === 'only' ? 'Archived reviews' : 'All reviews'}
            </caption>
            <ColumnHeads columns={['Title', 'Type', 'Scope period', 'Status', 'Updated']} />
            <tbody>
              {list.map((review) => (
                <tr key={review.id}>
                  <th scope="row" className="title-cell">
                    <a href={reviewsPath.detail(review.id)}>{review.title}</a>
                    {review.archived ? <span className="tag">Archived</span> : null}
                    <OverdueMarker review={review} />
                  </th>
                  <td>{review.typeLabel}</td>
                  <td className="nowrap">
                    {review.scopeFrom || review.scopeTo ? (
                      formatScope(review.scopeFrom, review.scopeTo)
                    ) : (
                      <span className="muted">Not set</span>
                    )}
                  </td>
                  <td>{review.statusLabel}</td>
                  <td className="nowrap">{formatDay(review.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
