import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import { spanOfDate } from '../../renderer/src/views/timeline/dates.js';
import { episodesForTimeline, timelineFromChannel } from '../../renderer/src/views/timeline/from-channel.js';
import type { KeyPracticeEpisode, Review, TimelineData } from '../../shared/api/contract.js';
import { parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';
import { ok } from '../support/api.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * The timeline as the renderer draws it, from the real `chronology.timeline`
 * channel of a real vault: what the vault sends and what the renderer makes of it
 * must agree on where each date starts and ends (end exclusive; an open date is
 * an arrow at the known end).
 */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
});

const DATES = [
  'May 2015',
  '12/05/2015',
  '12/05/2015 14:30',
  'circa June 2015',
  'between 01/03/2015 and 15/03/2015',
  'before 12/05/2015',
  'after 12/05/2015',
  '2014',
];

async function timelineOf(dates: readonly string[]) {
  app = createCasebookApp(join(tempDirectory(), 'case.vault'), { scrypt: FAST_SCRYPT });
  await ok(app.invoke('vault.create', { passphrase: PASSPHRASE }));
  const review = await ok<Review>(
    app.invoke('reviews.create', { title: 'Child H', type: 'cspr', scopeFrom: '2014-01-01', scopeTo: '2015-12-31' }),
  );
  const ids = new Map<string, string>();
  for (const date of dates) {
    const entry = await ok<{ id: string }>(
      app.invoke('chronology.create', { reviewId: review.id, agency: 'Police', date, event: `Event on ${date}` }),
    );
    ids.set(date, entry.id);
  }
  const channel = await ok<TimelineData>(app.invoke('chronology.timeline', { reviewId: review.id }));
  return { casebook: app, reviewId: review.id, ids, timeline: timelineFromChannel(channel) };
}

function parsed(text: string) {
  const result = parseFuzzyDate(text);
  if (!result.ok) throw new Error(result.reason);
  return result.date;
}

describe('the timeline from the chronology.timeline channel', () => {
  it('draws every kind of date where it starts and ends, to the minute', async () => {
    const { ids, timeline } = await timelineOf(DATES);
    const drawn = (date: string) => timeline.entries.find((entry) => entry.id === ids.get(date));
    // Each date drawn from the channel exactly as from the date itself.
    for (const date of DATES) expect(drawn(date), date).toMatchObject(spanOfDate(parsed(date)));

    expect(drawn('May 2015')).toMatchObject({ start: Date.UTC(2015, 4, 1), end: Date.UTC(2015, 5, 1) });
    expect(drawn('12/05/2015')).toMatchObject({ start: Date.UTC(2015, 4, 12), end: Date.UTC(2015, 4, 13) });
    expect(drawn('12/05/2015 14:30')).toMatchObject({
      start: Date.UTC(2015, 4, 12, 14, 30),
      end: Date.UTC(2015, 4, 12, 14, 31),
    });
    expect(drawn('circa June 2015')).toMatchObject({
      start: Date.UTC(2015, 4, 1),
      end: Date.UTC(2015, 7, 1),
      coreStart: Date.UTC(2015, 5, 1),
      coreEnd: Date.UTC(2015, 6, 1),
      dateText: 'circa Jun 2015',
    });
    // The arrows: "before" points at the start of the day named, "after" leaves from its end.
    const before = Date.UTC(2015, 4, 12);
    expect(drawn('before 12/05/2015')).toMatchObject({
      start: before,
      end: before,
      coreStart: before,
      coreEnd: before,
    });
    const after = Date.UTC(2015, 4, 13);
    expect(drawn('after 12/05/2015')).toMatchObject({ start: after, end: after, dateText: 'after 12/05/2015' });
    expect(timeline.scope).toEqual({ start: Date.UTC(2014, 0, 1), end: Date.UTC(2016, 0, 1) });
  });

  it('draws an episode of picked entries over their extent', async () => {
    const { casebook, reviewId, ids, timeline } = await timelineOf(['12/05/2015', 'May 2015']);
    const episode = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.create', { reviewId, title: 'Missed visits', entryIds: [ids.get('12/05/2015')] }),
    );
    expect(episodesForTimeline([episode], timeline.entries)).toEqual([
      { id: episode.id, title: 'Missed visits', start: Date.UTC(2015, 4, 12), end: Date.UTC(2015, 4, 13) },
    ]);
  });
});
