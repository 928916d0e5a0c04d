import { useSyncExternalStore } from 'react';

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
  const parts = hash
    .replace(/^#\/?/, '')
    .split('?')[0]
    ?.split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    }) ?? [''];
  const [, id, sub] = parts;
  if (!id) return { kind: 'list' };
  if (id === 'new') return { kind: 'new' };
  if (sub === 'edit') return { kind: 'edit', id };
  return { kind: 'detail', id, tab: sub ?? null };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useReviewsHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export const reviewsPath = {
  list: () => '#/reviews',
  create: () => '#/reviews/new',
  detail: (id: string, tab?: string) => `#/reviews/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`,
  edit: (id: string) => `#/reviews/${encodeURIComponent(id)}/edit`,
};

/** Goes to a screen, adding a history entry (Back returns). */
export function navigate(path: string): void {
  window.location.hash = path;
}

/** Changes the address without a new history entry (e.g. switching tabs). */
export function replacePath(path: string): void {
  window.location.replace(path);
}
