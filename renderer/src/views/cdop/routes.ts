import { useSyncExternalStore } from 'react';

/**
 * Screens under `#/cdop`: the list, `#/cdop/new`, `#/cdop/import`, `#/cdop/pack`,
 * a case (`#/cdop/<id>`), its notification form (`/edit`) and analysis form
 * (`/analysis`). The app's router picks the section from the first segment.
 */
export type CdopScreen =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'import' }
  | { kind: 'pack' }
  | { kind: 'case'; id: string }
  | { kind: 'edit'; id: string }
  | { kind: 'analysis'; id: string };

export function parseCdopPath(hash: string): CdopScreen {
  const [, first, second] = (hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/').map(decodeSafely);
  if (!first) return { kind: 'list' };
  if (first === 'new' || first === 'import' || first === 'pack') return { kind: first };
  if (second === 'edit') return { kind: 'edit', id: first };
  if (second === 'analysis') return { kind: 'analysis', id: first };
  return { kind: 'case', id: first };
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export const cdopPath = {
  list: () => '#/cdop',
  create: () => '#/cdop/new',
  importCases: () => '#/cdop/import',
  pack: () => '#/cdop/pack',
  record: (id: string) => `#/cdop/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/cdop/${encodeURIComponent(id)}/edit`,
  analysis: (id: string) => `#/cdop/${encodeURIComponent(id)}/analysis`,
};

export function navigate(path: string): void {
  window.location.hash = path;
}
