import { useSyncExternalStore } from 'react';

/**
 * Hash routing (`#/reviews`): works the same under the Electron protocol and the
 * web host, and needs no server routes.
 */
export const ROUTES = [
  { id: 'reviews', path: '#/reviews', label: 'Reviews' },
  { id: 'cdop', path: '#/cdop', label: 'Child deaths (CDOP)' },
  { id: 'statistics', path: '#/statistics', label: 'Statistics' },
  { id: 'settings', path: '#/settings', label: 'Settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

const DEFAULT_ROUTE: RouteId = 'reviews';

function parse(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((route) => route.id === id)?.id ?? DEFAULT_ROUTE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => parse(window.location.hash));
}

export function routePath(id: RouteId): string {
  return ROUTES.find((route) => route.id === id)?.path ?? '#/reviews';
}

/** Puts a known route in the address bar without adding a history entry (used on first entry to the frame). */
export function normaliseRoute(): void {
  const id = parse(window.location.hash);
  const path = routePath(id);
  // A screen inside a section (`#/reviews/<id>`) is kept, so unlocking returns to it.
  if (window.location.hash !== path && !window.location.hash.startsWith(`${path}/`)) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${path}`);
  }
}
