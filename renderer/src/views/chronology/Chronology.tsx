import './chronology.css';
import { useEffect, useId, useState } from 'react';
import type { ChronologyEntry, Review } from '../../../../shared/api/contract.js';
import { ORDER_RULE } from '../../../../shared/chronology/order.js';
import { errorMessage } from '../../api/client.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { navigate, replacePath, useHash } from '../../router.js';
import { useChange, useData } from '../../state/data.js';
import { ChronologyGrid } from './ChronologyGrid.js';
import { DuplicatesPanel } from './DuplicatesPanel.js';
import { EntryPanel } from './EntryPanel.js';
import { ExportControls } from './ExportControls.js';
import { Filters, hasFilters } from './Filters.js';
import { ImportChronology } from './ImportChronology.js';
import { ImportsAndDeleted } from './ImportsAndDeleted.js';
import { chronologyPath, parseChronologyQuery } from './routes.js';
import { SearchResults } from './Search.js';
import { openReview, pageInput, undoOptions, useChronology } from './store.js';

/**
 * A review's Chronology tab: the integrated chronology of every agency's entries,
 * with the import wizard, filters, full-text search, possible duplicates, export,
 * the imports and deleted entries, and the entry panel (`?entry=<id>`). Entries
 * show their number (`ref`), which no filter or view changes.
 */
export function ChronologyTab({ review }: { review: Review }) {
  const query = parseChronologyQuery(useHash());
  const current = useChronology((state) => state.reviewId === review.id);

  useEffect(() => openReview(review.id), [review.id]);

  if (!current) return <p className="muted">Loading the chronology…</p>;
  if (query.import && !review.archived) {
    return <ImportChronology review={review} onClose={() => navigate(chronologyPath(review.id))} />;
  }
  return <ChronologyView review={review} entryId={query.entry} showDuplicates={query.duplicates} />;
}

function ChronologyView({
  review,
  entryId,
  showDuplicates,
}: {
  review: Review;
  entryId: string | null;
  showDuplicates: boolean;
}) {
  const filters = useChronology((state) => state.filters);
  // The first page says how many entries match; the table asks for the pages it scrolls to.
  const firstPage = useData('chronology.list', pageInput(review.id, filters, 0));
  const total = firstPage.value?.total ?? null;
  const undoSteps = useChronology((state) => state.undo);
  const lastImport = useChronology((state) => state.lastImport);
  const { run } = useChange();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const tableHeadingId = useId();
  const readOnly = review.archived;

  useEffect(() => {
    if (lastImport) {
      setStatus(
        `${lastImport.imported} ${lastImport.imported === 1 ? 'entry' : 'entries'} imported from “${lastImport.fileName}” for ${lastImport.agency}.`,
      );
      useChronology.setState({ lastImport: null });
    }
  }, [lastImport]);

  async function undo() {
    setError(null);
    const step = useChronology.getState().undo.at(-1);
    if (!step) return setStatus('Nothing to undo.');
    const outcome = await run('chronology.update', { id: step.entryId, ...step.previous }, undoOptions(step));
    if (outcome.ok) setStatus(`Undone: the change to ${step.label}.`);
    else setError(`Could not undo: ${errorMessage(outcome.error)}`);
  }

  function open(entry: ChronologyEntry) {
    navigate(chronologyPath(review.id, { entry: entry.id }));
  }

  function closePanel() {
    replacePath(chronologyPath(review.id));
    // Back to the cell the reviewer was on.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.chron-grid [tabindex="0"]')?.focus());
  }

  const empty = total === 0 && !hasFilters(filters);
  const lastUndo = undoSteps.at(-1);

  return (
    <div className="chronology-view">
      <div className="chron-toolbar">
        {readOnly ? null : (
          <a className="button-link" href={chronologyPath(review.id, { import: true })}>
            Import agency chronology
          </a>
        )}
        {readOnly ? null : (
          <button type="button" className="secondary" onClick={() => void undo()} disabled={!lastUndo}>
            {lastUndo ? `Undo: ${lastUndo.label}` : 'Undo'}
          </button>
        )}
        {empty ? null : (
          <a className="button-link secondary" href={chronologyPath(review.id, { duplicates: !showDuplicates })}>
            {showDuplicates ? 'Hide possible duplicates' : 'Possible duplicates'}
          </a>
        )}
        {empty ? null : <ExportControls reviewId={review.id} />}
      </div>
      <StatusMessage message={status} />
      <ErrorAlert message={error ?? firstPage.error} />
      {showDuplicates ? <DuplicatesPanel review={review} readOnly={readOnly} onStatus={setStatus} /> : null}
      {empty ? (
        <EmptyState title="No entries yet">
          No entries yet. Import each agency’s chronology to build the integrated chronology.
        </EmptyState>
      ) : (
        <>
          <Filters review={review} search={search} onSearch={setSearch} />
          {search.trim() ? (
            <SearchResults key={search} reviewId={review.id} query={search} />
          ) : (
            <section aria-labelledby={tableHeadingId} className="chron-table-section">
              <h2 id={tableHeadingId} className="chron-count">
                Integrated chronology{' '}
                <span className="muted">
                  {total === null
                    ? ''
                    : `(${total} ${total === 1 ? 'entry' : 'entries'}${hasFilters(filters) ? ' match the filters' : ''})`}
                </span>
              </h2>
              <p className="hint chron-order-rule">{ORDER_RULE}</p>
              <p className="hint" id="grid-keys">
                Arrow keys move; F2 or Enter edits a cell (Enter saves, Esc cancels); Enter on the number, or
                Ctrl+Enter, opens the entry; Ctrl+Z undoes.
              </p>
              {total === 0 ? (
                <p>No entries match these filters.</p>
              ) : (
                <ChronologyGrid
                  reviewId={review.id}
                  total={total ?? 0}
                  label="Integrated chronology"
                  readOnly={readOnly}
                  onOpen={open}
                  onUndo={() => void undo()}
                  onStatus={(message) => {
                    setError(null);
                    setStatus(message);
                  }}
                  onError={setError}
                />
              )}
            </section>
          )}
        </>
      )}
      {total === null ? null : <ImportsAndDeleted review={review} readOnly={readOnly} onStatus={setStatus} />}
      {entryId ? (
        <EntryPanel
          key={entryId}
          reviewId={review.id}
          entryId={entryId}
          readOnly={readOnly}
          onClose={closePanel}
          onStatus={setStatus}
        />
      ) : null}
    </div>
  );
}
