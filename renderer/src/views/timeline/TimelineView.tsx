import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import type { Review } from '../../../../shared/api/contract.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import { ErrorAlert } from '../../components/Alert.js';
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

  const data = useMemo(() => (timeline.value ? timelineFromChannel(timeline.value) : null), [timeline.value]);
  const bands = useMemo(() => (data ? episodesForTimeline(episodes ?? [], data.entries) : []), [episodes, data]);
  const openEntry = useCallback((id: string) => navigate(chronologyPath(review.id, { entry: id })), [review.id]);

  if (!data) return <Pending data={timeline} loading="Loading the timeline…" />;
  if (data.entries.length === 0) {
    return <p>No chronology entries yet: import an agency’s chronology on the Chronology tab to see them here.</p>;
  }
  return (
    <div className="timeline-view">
      <h2>Timeline</h2>
      {selection && !review.archived ? (
        <EpisodeForm
          reviewId={review.id}
          selection={selection}
          onCreated={() => setSelection(null)}
          onCancel={() => setSelection(null)}
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

function EpisodeForm({
  reviewId,
  selection,
  onCreated,
  onCancel,
}: {
  reviewId: string;
  selection: TimelineSelection;
  onCreated(): void;
  onCancel(): void;
}) {
  const [title, setTitle] = useState('');
  const { run, busy, message: problem } = useChange();
  const titleId = useId();
  // A dragged span is kept to whole days: episodes are dated like the chronology, never to a fake minute.
  const bySpan = selection.kind === 'span';
  const from = isoAt(selection.start, 'day');
  const to = isoAt(Math.max(selection.start, selection.end - 1), 'day');
  const picked = selection.entryIds.length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await run(
      'episodes.create',
      {
        reviewId,
        title,
        ...(bySpan ? { from, to } : {}),
        // A span takes in its entries on the server; picked entries are sent as they are.
        entryIds: bySpan ? [] : [...selection.entryIds],
      },
      { refresh: ['episodes.'] },
    );
    if (outcome.ok) onCreated();
  }

  return (
    <form className="timeline-episode-form" onSubmit={(event) => void submit(event)}>
      <p>
        {bySpan
          ? `New key practice episode from ${formatIsoUk(from)} to ${formatIsoUk(to)} (${picked.toLocaleString('en-GB')} ${picked === 1 ? 'entry' : 'entries'} in it).`
          : `New key practice episode with the ${picked.toLocaleString('en-GB')} selected ${picked === 1 ? 'entry' : 'entries'}.`}
      </p>
      <label htmlFor={titleId}>
        Episode title
        <input id={titleId} value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={300} />
      </label>
      <button type="submit" className="primary" disabled={busy || title.trim() === ''}>
        Create key practice episode
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
      <ErrorAlert message={problem} />
    </form>
  );
}
