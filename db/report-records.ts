import type { ReportRecordsSummary } from '../shared/api/channels/report-prose.js';
import { formatIsoUk } from '../shared/dates/fuzzy-date.js';
import { formatCount } from '../shared/import/limits.js';
import { readAnalysis } from './analysis.js';
import { type Database, first, query } from './query.js';
import { requireReview } from './reviews.js';

/**
 * One line per data section of the review report saying what it will print from
 * the review's records, so the reviewer sees on the report screen what the Word
 * document will hold beside their prose. Counts only: no names.
 */

function counted(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function countOf(
  database: Database,
  table: 'review_agency' | 'chronology_entry' | 'person' | 'key_practice_episode',
  reviewId: string,
): number {
  const row = first(
    database,
    query
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_id', '=', reviewId),
  );
  return row?.n ?? 0;
}

export function reportRecordsSummary(database: Database, reviewId: string): ReportRecordsSummary {
  const review = requireReview(database, reviewId);
  const agencies = countOf(database, 'review_agency', reviewId);
  const entries = countOf(database, 'chronology_entry', reviewId);
  const people = countOf(database, 'person', reviewId);
  const episodes = countOf(database, 'key_practice_episode', reviewId);
  const analysis = readAnalysis(database, { kind: 'review', id: reviewId });
  const scope =
    review.scope_from || review.scope_to
      ? `Scope ${review.scope_from ? formatIsoUk(review.scope_from) : 'open'} to ${review.scope_to ? formatIsoUk(review.scope_to) : 'open'}`
      : 'No scope period recorded';
  return {
    'terms-of-reference': `${scope}; ${review.terms_of_reference.trim() ? 'terms of reference recorded' : 'no terms of reference recorded'}`,
    background: `${counted(people, 'person', 'people')} of the review, printed by pseudonym or role`,
    'agency-involvement': `${counted(agencies, 'agency', 'agencies')}, ${counted(entries, 'chronology entry', 'chronology entries')}, ${counted(episodes, 'key practice episode', 'key practice episodes')}`,
    analysis: counted(analysis.factors.length, 'contributory factor', 'contributory factors'),
    findings: `${counted(analysis.findings.length, 'finding', 'findings')}, each in the SCIE form`,
    recommendations: `${counted(analysis.recommendations.length, 'recommendation', 'recommendations')}, ${counted(analysis.actions.length, 'action', 'actions')} in the action plan`,
  };
}
