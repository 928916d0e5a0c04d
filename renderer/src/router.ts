import { useSyncExternalStore } from 'react';

/**
 * The one hash router (`#/reviews/<id>/chronology?entry=<id>`): works the same
 * under the Electron protocol and the web host, and needs no server routes. The
 * first segment picks the section (the frame's tabs); each feature's routes.ts
 * reads the rest with `hashSegments` and `hashQuery` and builds its own paths.
 */
export const ROUTES = [
  { id: 'reviews', path: '#/reviews', label: 'Reviews' },
  { id: 'cdop', path: '#/cdop', label: 'Child deaths (CDOP)' },
  { id: 'actions', path: '#/actions', label: 'Actions' },
  { id: 'statistics', path: '#/statistics', label: 'Statistics' },
  { id: 'settings', path: '#/settings', label: 'Settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

const DEFAULT_ROUTE: RouteId = 'reviews';

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The path's segments, decoded: `#/reviews/a%2Fb/status?x` -> `['reviews', 'a/b', 'status']`. */
export function hashSegments(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path.split('/').filter(Boolean).map(decodeSafely);
}

/** The query after `?`: `#/reviews/r/chronology?entry=e&import`. */
export function hashQuery(hash: string): URLSearchParams {
  const index = hash.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : hash.slice(index + 1));
}

function parse(hash: string): RouteId {
  const [id] = hashSegments(hash);
  return ROUTES.find((route) => route.id === id)?.id ?? DEFAULT_ROUTE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The address's hash, re-rendering on every change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useRoute(): RouteId {
  return parse(useHash());
}

export function routePath(id: RouteId): string {
  return ROUTES.find((route) => route.id === id)?.path ?? '#/reviews';
}

/** Goes to a screen, adding a history entry (Back returns). */
export function navigate(path: string): void {
  window.location.hash = path;
}

/** Changes the address without a new history entry (e.g. switching tabs). */
export function replacePath(path: string): void {
  window.location.replace(path);
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
