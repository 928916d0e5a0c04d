import { useId, useState } from 'react';
import { SEARCH_MAX_LIMIT } from '../../../../shared/api/channels/chronology-analysis.js';
import type { TextSegment } from '../../../../shared/api/contract.js';
import { ErrorAlert } from '../../components/Alert.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { useDataList } from '../../state/data.js';
import { chronologyPath } from './routes.js';

/**
 * Full-text search results (`chronology.search`, FTS5 in the vault), in the
 * integrated order, with the matched words marked. The highlight comes as
 * segments and is rendered as text and <mark> elements, never as HTML.
 */

const FIELD_LABELS = {
  event: 'Event',
  action: 'Action',
  significance: 'Significance',
  source: 'Source',
  practitioner: 'Practitioner',
} as const;

export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence of one text
          <mark key={index}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** Shown for one query (the parent gives each query its own): "Show more matches" asks for the next page. */
export function SearchResults({ reviewId, query }: { reviewId: string; query: string }) {
  const [pageCount, setPageCount] = useState(1);
  const headingId = useId();
  const answers = useDataList(
    'chronology.search',
    Array.from({ length: pageCount }, (_, page) => ({
      reviewId,
      query,
      offset: page * SEARCH_MAX_LIMIT,
      limit: SEARCH_MAX_LIMIT,
    })),
  );
  const arrived = answers.flatMap((answer) => (answer.value ? [answer.value] : []));
  const matches = arrived.length > 0 ? arrived.flatMap((result) => result.matches) : null;
  const hasMore = arrived.length === pageCount && (arrived.at(-1)?.hasMore ?? false);
  const error = answers.find((answer) => answer.error)?.error ?? null;
  const more = () => setPageCount((count) => count + 1);

  return (
    <section aria-labelledby={headingId} className="search-results">
      <h2 id={headingId}>
        Search results{' '}
        <span className="muted" role="status">
          {matches === null
            ? ''
            : `(${matches.length}${hasMore ? '+' : ''} ${matches.length === 1 ? 'match' : 'matches'})`}
        </span>
      </h2>
      <ErrorAlert message={error} />
      {matches && matches.length === 0 ? <p>No entries contain “{query.trim()}”.</p> : null}
      {matches && matches.length > 0 ? (
        <div className="table-wrap">
          <table className="search-table">
            <ColumnHeads columns={['No.', 'Date', 'Agency', 'Event', 'Best match']} />
            <tbody>
              {matches.map((match) => (
                <tr key={match.entryId} className={match.significant ? 'significant' : undefined}>
                  <td className="search-ref">{match.ref}</td>
                  <td className="nowrap">
                    <a href={chronologyPath(reviewId, { entry: match.entryId })}>{match.date}</a>
                  </td>
                  <td>{match.agency.name}</td>
                  <td>
                    <Highlighted segments={match.event} />
                  </td>
                  <td>
                    {match.snippet.field === 'event' ? (
                      <span className="muted">In the event</span>
                    ) : (
                      <>
                        <span className="muted">{FIELD_LABELS[match.snippet.field]}: </span>
                        <Highlighted segments={match.snippet.segments} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {hasMore ? (
        <button type="button" className="secondary" onClick={more}>
          Show more matches
        </button>
      ) : null}
    </section>
  );
}
