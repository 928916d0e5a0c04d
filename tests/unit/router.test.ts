import { describe, expect, it } from 'vitest';
import { hashQuery, hashSegments } from '../../renderer/src/router.js';
import { cdopPath, parseCdopPath } from '../../renderer/src/views/cdop/routes.js';
import { chronologyPath, parseChronologyQuery } from '../../renderer/src/views/chronology/routes.js';
import { parseReviewsPath, reviewsPath } from '../../renderer/src/views/reviews/routes.js';

describe('the hash router', () => {
  it('reads segments decoded and the query apart, however the hash is written', () => {
    expect(hashSegments('#/reviews/a%2Fb/status?entry=x')).toEqual(['reviews', 'a/b', 'status']);
    expect(hashSegments('#reviews/')).toEqual(['reviews']);
    expect(hashSegments('#/cdop/%E0%A4')).toEqual(['cdop', '%E0%A4']); // not decodable: kept as written
    expect(hashQuery('#/reviews/r/chronology?entry=e&import').get('entry')).toBe('e');
    expect(hashQuery('#/reviews').toString()).toBe('');
  });

  it('each feature reads back the paths it builds', () => {
    const id = 'a/b c';
    expect(parseReviewsPath(reviewsPath.detail(id, 'people'))).toEqual({ kind: 'detail', id, tab: 'people' });
    expect(parseReviewsPath(reviewsPath.edit(id))).toEqual({ kind: 'edit', id });
    expect(parseReviewsPath(reviewsPath.create())).toEqual({ kind: 'new' });
    expect(parseCdopPath(cdopPath.analysis(id))).toEqual({ kind: 'analysis', id });
    expect(parseCdopPath(cdopPath.pack())).toEqual({ kind: 'pack' });
    expect(parseCdopPath(cdopPath.work())).toEqual({ kind: 'work' });
    const chronology = chronologyPath(id, { entry: 'e1', duplicates: true });
    expect(parseReviewsPath(chronology)).toEqual({ kind: 'detail', id, tab: 'chronology' });
    expect(parseChronologyQuery(chronology)).toEqual({ entry: 'e1', import: false, duplicates: true });
  });
});
