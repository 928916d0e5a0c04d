import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Review } from '../../../../shared/api/contract.js';
import { ErrorAlert } from '../../components/Alert.js';
import { DateField, Field } from '../../components/Field.js';
import { Pending } from '../../components/Pending.js';
import { navigate } from '../../router.js';
import { useChange, useData } from '../../state/data.js';
import { chronologyPath } from '../chronology/routes.js';
import { episodesForTimeline, isoAt, timelineFromChannel } from './from-channel.js';
import { Timeline } from './Timeline.js';
import type { TimelineSelection } from './types.js';

/**
 * The review's Timeline tab: loads `chronology.timeline` and `episodes.list`,
 * opens an entry in the chronology's entry panel, and turns a selected span or
 * selected entries into a key practice episode.
 */
export function TimelineView({ review }: { review: Review }) {
  const timeline = useData('chronology.timeline', { reviewId: review.id });
  const episodes = useData('episodes.list', { reviewId: review.id }).value;
  const [selection, setSelection] = useState<TimelineSelection | null>(null);
  // A new episode typed in (the button), rather than dragged on the axis.
  const [typing, setTyping] = useState(false);

  const data = useMemo(() => (timeline.value ? timelineFromChannel(timeline.value) : null), [timeline.value]);
  const bands = useMemo(() => (data ? episodesForTimeline(episodes ?? [], data.entries) : []), [episodes, data]);
  const openEntry = useCallback((id: string) => navigate(chronologyPath(review.id, { entry: id })), [review.id]);
  const close = () => {
    setSelection(null);
    setTyping(false);
  };

  if (!data) return <Pending data={timeline} loading="Loading the timeline…" />;
  if (data.entries.length === 0) {
    return <p>No chronology entries yet: import an agency’s chronology on the Chronology tab to see them here.</p>;
  }
  const formFor = selection ?? (typing ? null : undefined);
  return (
    <div className="timeline-view">
      <div className="timeline-heading">
        <h2>Timeline</h2>
        {review.archived || formFor !== undefined ? null : (
          <button type="button" className="secondary" onClick={() => setTyping(true)}>
            New key practice episode
          </button>
        )}
      </div>
      {formFor !== undefined && !review.archived ? (
        <EpisodeForm
          // A new drag starts the form again with its dates.
          key={formFor ? `${formFor.kind}:${formFor.start}:${formFor.end}:${formFor.entryIds.length}` : 'typed'}
          reviewId={review.id}
          selection={formFor}
          onCreated={close}
          onCancel={close}
        />
      ) : null}
      <Timeline
        data={data}
        episodes={bands}
        onOpenEntry={openEntry}
        onSelect={setSelection}
        selection={selection}
        label={review.title}
      />
    </div>
  );
}

/**
 * A new key practice episode: a span of dates (dragged on the axis or typed), or
 * the entries picked with Shift+click. The server takes in every entry a span covers.
 */
function EpisodeForm({
  reviewId,
  selection,
  onCreated,
  onCancel,
}: {
  reviewId: string;
  /** Null when typed from the button. */
  selection: TimelineSelection | null;
  onCreated(): void;
  onCancel(): void;
}) {
  const bySpan = selection === null || selection.kind === 'span';
  // A dragged span is kept to whole days: episodes are dated like the chronology, never to a fake minute.
  const [from, setFrom] = useState(selection?.kind === 'span' ? isoAt(selection.start, 'day') : '');
  const [to, setTo] = useState(
    selection?.kind === 'span' ? isoAt(Math.max(selection.start, selection.end - 1), 'day') : '',
  );
  const [title, setTitle] = useState('');
  const { run, busy, message: problem } = useChange();
  const headingId = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const picked = selection?.entryIds.length ?? 0;

  useEffect(() => titleRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await run(
      'episodes.create',
      {
        reviewId,
        title,
        ...(bySpan ? { from: from || null, to: to || null } : {}),
        // A span takes in its entries on the server; picked entries are sent as they are.
        entryIds: bySpan ? [] : [...(selection?.entryIds ?? [])],
      },
      { refresh: ['episodes.'] },
    );
    if (outcome.ok) onCreated();
  }

  return (
    <form className="timeline-episode-form" aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      <h3 id={headingId}>New key practice episode</h3>
      <p className="hint">
        {bySpan
          ? 'The episode takes in every entry dated wholly within these dates. You can also drag along the dates on the timeline.'
          : `With the ${picked.toLocaleString('en-GB')} selected ${picked === 1 ? 'entry' : 'entries'}.`}
      </p>
      <Field label="Episode title">
        {(ids) => (
          <input
            id={ids.id}
            ref={titleRef}
            type="text"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            maxLength={300}
          />
        )}
      </Field>
      {bySpan ? (
        <div className="timeline-episode-dates">
          <DateField label="From" hint="dd/mm/yyyy" className="narrow" value={from} onChange={setFrom} />
          <DateField label="To" hint="dd/mm/yyyy" className="narrow" value={to} onChange={setTo} />
        </div>
      ) : null}
      <ErrorAlert message={problem} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || title.trim() === ''}>
          Create key practice episode
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
