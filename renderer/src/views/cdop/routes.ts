import { hashSegments } from '../../router.js';

/**
 * Screens under `#/cdop`: the list, `#/cdop/new`, `#/cdop/import`, `#/cdop/pack`, `#/cdop/work`,
 * a case (`#/cdop/<id>`), its notification form (`/edit`) and analysis form
 * (`/analysis`) and its findings and actions (`/chain`). The app's router picks the section from the first segment.
 */
export type CdopScreen =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'import' }
  | { kind: 'pack' }
  | { kind: 'work' }
  | { kind: 'case'; id: string }
  | { kind: 'edit'; id: string }
  | { kind: 'analysis'; id: string }
  | { kind: 'chain'; id: string };

export function parseCdopPath(hash: string): CdopScreen {
  const [, first, second] = hashSegments(hash);
  if (!first) return { kind: 'list' };
  if (first === 'new' || first === 'import' || first === 'pack' || first === 'work') return { kind: first };
  if (second === 'edit') return { kind: 'edit', id: first };
  if (second === 'analysis') return { kind: 'analysis', id: first };
  if (second === 'chain') return { kind: 'chain', id: first };
  return { kind: 'case', id: first };
}

export const cdopPath = {
  list: () => '#/cdop',
  create: () => '#/cdop/new',
  importCases: () => '#/cdop/import',
  pack: () => '#/cdop/pack',
  work: () => '#/cdop/work',
  record: (id: string) => `#/cdop/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/cdop/${encodeURIComponent(id)}/edit`,
  analysis: (id: string) => `#/cdop/${encodeURIComponent(id)}/analysis`,
  /** Findings, recommendations and actions, on the same factors as the analysis form. */
  chain: (id: string) => `#/cdop/${encodeURIComponent(id)}/chain`,
};
