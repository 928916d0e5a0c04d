import { hashQuery } from '../../router.js';

/**
 * The chronology tab's address: `#/reviews/<review id>/chronology`, with
 * `?entry=<entry id>` for the open entry (the timeline opens entries this way too)
 * `?import` for the import wizard and `?duplicates` for the possible duplicates. The section's router ignores the query.
 */

export function chronologyPath(
  reviewId: string,
  query?: { entry?: string; import?: boolean; duplicates?: boolean },
): string {
  const base = `#/reviews/${encodeURIComponent(reviewId)}/chronology`;
  const params = new URLSearchParams();
  if (query?.entry) params.set('entry', query.entry);
  if (query?.import) params.set('import', '');
  if (query?.duplicates) params.set('duplicates', '');
  const text = params.toString().replace(/=(&|$)/g, '$1');
  return text ? `${base}?${text}` : base;
}

export interface ChronologyQuery {
  entry: string | null;
  import: boolean;
  duplicates: boolean;
}

export function parseChronologyQuery(hash: string): ChronologyQuery {
  const params = hashQuery(hash);
  return { entry: params.get('entry') || null, import: params.has('import'), duplicates: params.has('duplicates') };
}
