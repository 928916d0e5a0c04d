import { useId } from 'react';
import type { ChronologyEntry, DuplicateDecision, DuplicateFlag, Review } from '../../../../shared/api/contract.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Pending } from '../../components/Pending.js';
import { useChange, useData } from '../../state/data.js';
import { DateCell, timeOf } from './columns.js';
import { chronologyPath } from './routes.js';
import { ENTRIES_CHANGED } from './store.js';

/**
 * Possible duplicates: the same event recorded by two agencies, side by side. The
 * reviewer links them as one event, keeps both as different events, or dismisses
 * a wrong flag. Nothing is ever removed from the chronology.
 */

const DECISIONS: { decision: DuplicateDecision; label: string; done: string }[] = [
  { decision: 'link', label: 'Link as one event', done: 'Linked as one event.' },
  { decision: 'keep-both', label: 'Keep both', done: 'Kept both as different events.' },
  { decision: 'dismiss', label: 'Dismiss', done: 'Flag dismissed.' },
];

export function DuplicatesPanel({
  review,
  readOnly,
  onStatus,
}: {
  review: Review;
  readOnly: boolean;
  onStatus: (message: string) => void;
}) {
  const loaded = useData('chronology.duplicates', { reviewId: review.id, statuses: ['flagged'] });
  const flags = loaded.value;
  const { run, busy, message } = useChange();
  const headingId = useId();

  async function decide(flag: DuplicateFlag, decision: (typeof DECISIONS)[number]) {
    // The decided pair leaves the list, and the table's duplicate markers follow the decision.
    const outcome = await run(
      'chronology.resolveDuplicate',
      { flagId: flag.id, decision: decision.decision },
      { refresh: ENTRIES_CHANGED },
    );
    if (outcome.ok) onStatus(decision.done);
  }

  return (
    <section className="duplicates-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Possible duplicates {flags ? <span className="muted">({flags.length} to decide)</span> : null}
      </h2>
      <ErrorAlert message={message} />
      {flags === undefined ? <Pending data={loaded} loading="Loading possible duplicates…" /> : null}
      {flags?.length === 0 ? <p>No possible duplicates waiting for a decision.</p> : null}
      <ol className="duplicate-list">
        {flags?.map((flag, index) => (
          <li key={flag.id} className="duplicate-pair">
            <h3>
              Pair {index + 1}
              {flag.score !== null ? (
                <span className="muted"> (text {Math.round(flag.score * 100)}% alike)</span>
              ) : null}
            </h3>
            <div className="pair-sides">
              <PairSide reviewId={review.id} entry={flag.entries[0]} />
              <PairSide reviewId={review.id} entry={flag.entries[1]} />
            </div>
            {readOnly ? null : (
              <div className="actions">
                {DECISIONS.map((decision) => (
                  <button
                    key={decision.decision}
                    type="button"
                    className={decision.decision === 'link' ? 'primary' : 'secondary'}
                    disabled={busy}
                    aria-describedby={`${headingId}-pair-${index}`}
                    onClick={() => void decide(flag, decision)}
                  >
                    {decision.label}
                  </button>
                ))}
                <span className="visually-hidden" id={`${headingId}-pair-${index}`}>
                  Pair {index + 1}: {flag.entries[0].agency.name} and {flag.entries[1].agency.name}
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PairSide({ reviewId, entry }: { reviewId: string; entry: ChronologyEntry }) {
  return (
    <article className="pair-side">
      <p className="pair-agency">
        <strong>{entry.agency.name}</strong>
      </p>
      <p>
        <DateCell date={entry.date} />
        {timeOf(entry) ? ` ${timeOf(entry)}` : ''}
      </p>
      <p className="prewrap">{entry.event}</p>
      {entry.source ? <p className="muted">Source: {entry.source}</p> : null}
      <a href={chronologyPath(reviewId, { entry: entry.id })}>Open the {entry.agency.name} entry</a>
    </article>
  );
}
