import { describe, expect, it } from 'vitest';
import { cdopChannels } from '../../shared/api/channels/cdop.js';
import { chronologyChannels } from '../../shared/api/channels/chronology.js';
import { chronologyAnalysisChannels } from '../../shared/api/channels/chronology-analysis.js';
import { reviewsChannels } from '../../shared/api/channels/reviews.js';
import { id, isoDate, optionalText, partialIsoDate } from '../../shared/api/fields.js';

describe('the contract building blocks', () => {
  it('id: any id the vault issues, UUID or a duplicate flag pair, on every channel alike', () => {
    const uuid = '0b7f7c4e-3d4a-4c55-9a38-1a2b3c4d5e6f';
    expect(id('case').parse(` ${uuid} `)).toBe(uuid);
    expect(id('flag').parse(`${uuid}:${uuid}`)).toBe(`${uuid}:${uuid}`);
    expect(id('case').safeParse('  ').error?.issues[0]?.message).toBe('Give the case id');
    // The same unknown id reaches the handler (and is answered not_found) on CDOP and review channels.
    expect(cdopChannels['cdop.case.get'].input.parse({ id: 'nope' })).toEqual({ id: 'nope' });
    expect(reviewsChannels['reviews.get'].input.parse({ id: 'nope' })).toEqual({ id: 'nope' });
  });

  it('isoDate: a real YYYY-MM-DD date only; partialIsoDate: a real date to its precision', () => {
    expect(isoDate().parse('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2015', '12/05/2015', '1899-12-31'])
      expect(isoDate().safeParse(bad).success).toBe(false);
    for (const good of ['2015', '2015-05', '2015-05-12']) expect(partialIsoDate().parse(good)).toBe(good);
    for (const bad of ['2015-13', '2015-02-30', '15-05']) expect(partialIsoDate().safeParse(bad).success).toBe(false);
    const filters = chronologyChannels['chronology.list'].input;
    expect(filters.safeParse({ reviewId: 'r', filters: { from: '2015-13' } }).success).toBe(false);
  });

  it('optionalText: empty text becomes null in the contract, on every channel', () => {
    expect(optionalText('note', 10).parse('  ')).toBeNull();
    expect(optionalText('note', 10).safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe(
      'The note is too long (at most 10 characters)',
    );
    const factor = cdopChannels['cdop.factor.update'].input.parse({ id: 'f', evidence: ' ' });
    const person = reviewsChannels['people.update'].input.parse({ id: 'p', notes: ' ' });
    const episode = chronologyAnalysisChannels['episodes.update'].input.parse({ id: 'e', description: '' });
    expect([factor.evidence, person.notes, episode.description]).toEqual([null, null, null]);
  });
});
