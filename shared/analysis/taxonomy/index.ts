import { LONDON_PROTOCOL_2004 } from './london-protocol-2004.js';
import { SCIE_PATTERNS_2008 } from './scie-patterns-2008.js';
import type { Taxonomy } from './types.js';

export { LONDON_PROTOCOL_2004 } from './london-protocol-2004.js';
export { SCIE_PATTERNS_2008 } from './scie-patterns-2008.js';
export type * from './types.js';

/** Levels for a review's contributory factors, by version; the first is the default for new factors. */
export const FACTOR_LEVELS: Record<string, Taxonomy> = { [LONDON_PROTOCOL_2004.version]: LONDON_PROTOCOL_2004 };
export const DEFAULT_FACTOR_LEVELS = LONDON_PROTOCOL_2004;

/** Patterns for findings, by version; the first is the default for new findings. */
export const FINDING_PATTERNS: Record<string, Taxonomy> = { [SCIE_PATTERNS_2008.version]: SCIE_PATTERNS_2008 };
export const DEFAULT_FINDING_PATTERNS = SCIE_PATTERNS_2008;

/** The label of a code in a version, or the code itself when either is unknown (never hides a stored value). */
export function labelOf(taxonomies: Record<string, Taxonomy>, version: string | null, code: string | null): string {
  if (code === null) return '';
  const taxonomy = version === null ? undefined : taxonomies[version];
  return taxonomy?.labels.find((label) => label.code === code)?.label ?? code;
}
