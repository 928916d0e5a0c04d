import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { KeyPracticeEpisode } from '../../../../shared/api/channels/chronology-analysis.js';
import type { Review } from '../../../../shared/api/contract.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import { call, errorMessage } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { navigate } from '../../router.js';
import { chronologyPath } from '../chronology/routes.js';
import { episodesForTimeline, isoAt, timelineFromChannel } from './from-channel.js';
import { Timeline } from './Timeline.js';
import type { TimelineData, TimelineSelection } from './types.js';

/**
 * The review's Timeline tab: loads `chronology.timeline` and `episodes.list`,
 * opens an entry in the chronology's entry panel, and turns a selected span or
 * selected entries into a key practice episode.
 */
export function TimelineView({ review }: { review: Review }) {
  const [data, setData] = useState<TimelineData | null>(null);
  const [episodes, setEpisodes] = useState<KeyPracticeEpisode[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<TimelineSelection | null>(null);

  const load = useCallback(async () => {
    try {
      const [timeline, list] = await Promise.all([
        call('chronology.timeline', { reviewId: review.id }),
        call('episodes.list', { reviewId: review.id }),
      ]);
      setData(timelineFromChannel(timeline));
      setEpisodes(list);
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [review.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const bands = useMemo(() => (data ? episodesForTimeline(episodes, data.entries) : []), [episodes, data]);
  const openEntry = useCallback((id: string) => navigate(chronologyPath(review.id, { entry: id })), [review.id]);

  if (error) return <ErrorAlert message={error} />;
  if (!data) return <p className="muted">Loading the timeline…</p>;
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
          onCreated={(episode) => {
            setEpisodes((current) => [...current, episode]);
            setSelection(null);
          }}
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
  onCreated(episode: KeyPracticeEpisode): void;
  onCancel(): void;
}) {
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  // A dragged span is kept to whole days: episodes are dated like the chronology, never to a fake minute.
  const bySpan = selection.kind === 'span';
  const from = isoAt(selection.start, 'day');
  const to = isoAt(Math.max(selection.start, selection.end - 1), 'day');
  const picked = selection.entryIds.length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const episode = await call('episodes.create', {
        reviewId,
        title,
        ...(bySpan ? { from, to } : {}),
        // A span takes in its entries on the server; picked entries are sent as they are.
        entryIds: bySpan ? [] : [...selection.entryIds],
      });
      onCreated(episode);
    } catch (caught) {
      setProblem(errorMessage(caught));
    } finally {
      setBusy(false);
    }
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
