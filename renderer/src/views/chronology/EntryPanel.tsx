import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ChronologyEntry } from '../../../../shared/api/contract.js';
import { CHILD_SEEN_LABELS } from '../../../../shared/chronology/fields.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Pending } from '../../components/Pending.js';
import { formatDateTime } from '../../format.js';
import { useChange, useData } from '../../state/data.js';
import { DateCell } from './columns.js';
import { chronologyPath } from './routes.js';
import { ENTRIES_CHANGED } from './store.js';

/**
 * One entry with every field and where it came from, beside the table. Opened by
 * the address (`#/reviews/<id>/chronology?entry=<entry id>`), so the timeline and
 * the duplicates list open entries the same way. Escape or Close shuts it.
 */

const PRECISION_LABELS = { year: 'Year only', month: 'Month only', day: 'Day', minute: 'Day and time' } as const;
const QUALIFIER_LABELS = {
  on: 'On',
  circa: 'Circa (approximate)',
  before: 'Before',
  after: 'After',
  between: 'Between',
} as const;

export function EntryPanel({
  reviewId,
  entryId,
  readOnly,
  onClose,
  onStatus,
}: {
  reviewId: string;
  entryId: string;
  readOnly: boolean;
  onClose: () => void;
  onStatus: (message: string) => void;
}) {
  const loaded = useData('chronology.get', { id: entryId });
  const entry = loaded.value;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (entry) headingRef.current?.focus();
  }, [entry]);

  return (
    <aside
      className="entry-panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="entry-panel-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {entry ? `Entry ${entry.ref}: ${entry.date.display}` : 'Entry'}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {entry ? (
        <EntryDetails
          reviewId={reviewId}
          entry={entry}
          readOnly={readOnly}
          onDeleted={(message) => {
            onStatus(message);
            onClose();
          }}
        />
      ) : (
        <Pending data={loaded} loading="Loading the entry…" />
      )}
    </aside>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children === null || children === '' ? <span className="muted">Not recorded</span> : children}</dd>
    </div>
  );
}

function EntryDetails({
  reviewId,
  entry,
  readOnly,
  onDeleted,
}: {
  reviewId: string;
  entry: ChronologyEntry;
  readOnly: boolean;
  onDeleted: (message: string) => void;
}) {
  const provenance = entry.provenance;
  const { run, busy, message } = useChange();

  async function remove() {
    const outcome = await run('chronology.delete', { id: entry.id }, { refresh: ENTRIES_CHANGED });
    if (outcome.ok) {
      onDeleted(`Entry ${outcome.value.ref} deleted. Restore it from “Deleted entries” below the table.`);
    }
  }

  return (
    <>
      <dl className="entry-fields">
        <Row label="Entry number">{entry.ref}</Row>
        <Row label="Date">
          <DateCell date={entry.date} />
        </Row>
        <Row label="Date as written">
          <q>{entry.date.text}</q>
        </Row>
        <Row label="Date as understood">
          {entry.date.display} ({PRECISION_LABELS[entry.date.precision].toLowerCase()};{' '}
          {QUALIFIER_LABELS[entry.date.qualifier].toLowerCase()})
        </Row>
        <Row label="Time">{entry.time}</Row>
        {entry.endDate || entry.endTime ? (
          <Row label="Until">
            {[entry.endDate ? formatIsoUk(entry.endDate) : null, entry.endTime].filter(Boolean).join(' ')}
          </Row>
        ) : null}
        <Row label="Sequence">{entry.sequence}</Row>
        <Row label="Agency">{entry.agency.name}</Row>
        <Row label="Source">{entry.source}</Row>
        <Row label="Practitioner">{entry.practitioner}</Row>
        <Row label="Child seen">
          {entry.childSeen ? CHILD_SEEN_LABELS[entry.childSeen] : null}
          {entry.childSeenText ? ` (${entry.childSeenText})` : null}
        </Row>
        <Row label="Event">
          <span className="prewrap">{entry.event}</span>
        </Row>
        <Row label="Action">{entry.action ? <span className="prewrap">{entry.action}</span> : null}</Row>
        <Row label="Significance">
          {entry.significance ? <span className="prewrap">{entry.significance}</span> : null}
        </Row>
        <Row label="Significant event">{entry.significant ? 'Yes' : 'No'}</Row>
        <Row label="Tags">{entry.tags.length > 0 ? entry.tags.join(', ') : null}</Row>
        {entry.linkedWith.length > 0 ? (
          <Row label="Same event as">
            <ul className="plain-list">
              {entry.linkedWith.map((other, index) => (
                <li key={other}>
                  <a href={chronologyPath(reviewId, { entry: other })}>Linked entry {index + 1}</a>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {entry.possibleDuplicateOf.length > 0 ? (
          <Row label="Possible duplicate of">
            <ul className="plain-list">
              {entry.possibleDuplicateOf.map((other, index) => (
                <li key={other}>
                  <a href={chronologyPath(reviewId, { entry: other })}>Entry {index + 1} flagged as the same event</a>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
      <EntryPeople reviewId={reviewId} entry={entry} />
      <h3>Where it came from</h3>
      {provenance ? (
        <dl className="entry-fields">
          <Row label="File">{provenance.fileName}</Row>
          <Row label="Spreadsheet row">{provenance.row}</Row>
          <Row label="Imported">{formatDateTime(provenance.importedAt)}</Row>
          <Row label="File fingerprint">
            <code title={provenance.contentHash}>{provenance.contentHash.slice(0, 12)}</code>
          </Row>
        </dl>
      ) : (
        <p>Typed in by the reviewer.</p>
      )}
      <p className="muted">
        Added {formatDateTime(entry.createdAt)}
        {formatDateTime(entry.updatedAt) !== formatDateTime(entry.createdAt)
          ? `; last changed ${formatDateTime(entry.updatedAt)}`
          : ''}
        .
      </p>
      {readOnly ? null : (
        <div className="entry-panel-actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void remove()}>
            Delete entry {entry.ref}
          </button>
          <p className="hint">A deleted entry keeps its number and can be restored from “Deleted entries”.</p>
          <ErrorAlert message={message} />
        </div>
      )}
    </>
  );
}

/**
 * Who the entry is about, from the review's people, shown by pseudonym; feeds the
 * person filter. Casebook ticks the people the text names; one the reviewer unticks
 * stays unticked (db/entry-people.ts).
 */
function EntryPeople({ reviewId, entry }: { reviewId: string; entry: ChronologyEntry }) {
  const people = useData('people.list', { reviewId }).value;
  const { run, busy: saving, message } = useChange();
  // Shown at once when ticked; put back from the entry if the save fails.
  const [selected, setSelected] = useState<readonly string[]>(entry.personIds);
  useEffect(() => setSelected(entry.personIds), [entry.personIds]);

  async function toggle(personId: string, linked: boolean) {
    const personIds = linked ? [...selected, personId] : selected.filter((id) => id !== personId);
    setSelected(personIds);
    const outcome = await run('chronology.update', { id: entry.id, personIds }, { refresh: ENTRIES_CHANGED });
    if (!outcome.ok) setSelected(entry.personIds);
  }

  return (
    // Not disabled while saving: a disabled control drops focus, and Escape would no longer close the panel.
    <fieldset className="entry-people" aria-busy={saving}>
      <legend>People in this entry</legend>
      <p className="hint">
        Ticked for you when the entry names someone, by their name or another name. Untick anyone it is not about:
        Casebook will not tick them again for this entry.
      </p>
      {people === undefined ? (
        <p className="muted">Loading the review's people…</p>
      ) : people.length === 0 ? (
        <p className="muted">No people recorded for this review yet: add them on the review's People tab.</p>
      ) : (
        <ul className="plain-list">
          {people.map((person) => (
            <li key={person.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(person.id)}
                  onChange={(event) => void toggle(person.id, event.target.checked)}
                />{' '}
                {person.pseudonym} <span className="muted">({person.name})</span>
                {entry.peopleFoundInText.includes(person.id) && selected.includes(person.id) ? (
                  <span className="muted">, named in the text</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={message} />
    </fieldset>
  );
}
