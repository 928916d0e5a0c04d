import { hashSegments } from '../../router.js';

/**
 * The screens under `#/reviews`: the list, `#/reviews/new`, a review's tabs
 * (`#/reviews/<id>`, `#/reviews/<id>/status`, `#/reviews/<id>/people`...) and
 * `#/reviews/<id>/edit`. The app's router picks the Reviews section from the first
 * segment; this reads the rest.
 */

export type ReviewsScreen =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'detail'; id: string; tab: string | null };

export function parseReviewsPath(hash: string): ReviewsScreen {
  const [, id, sub] = hashSegments(hash);
  if (!id) return { kind: 'list' };
  if (id === 'new') return { kind: 'new' };
  if (sub === 'edit') return { kind: 'edit', id };
  return { kind: 'detail', id, tab: sub ?? null };
}

export const reviewsPath = {
  list: () => '#/reviews',
  create: () => '#/reviews/new',
  detail: (id: string, tab?: string) => `#/reviews/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`,
  edit: (id: string) => `#/reviews/${encodeURIComponent(id)}/edit`,
};
