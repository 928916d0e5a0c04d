/**
 * Small-number suppression for published figures: counts of 1 to 4 are replaced by
 * a marker, as official statistics releases do, so a child cannot be identified
 * from a small cell. Zero is shown (it identifies nobody). This is primary
 * suppression only: a total alongside suppressed cells can still reveal one, so a
 * publisher must check totals (or suppress a second cell) before release.
 */

/** The Government Statistical Service symbol for a value withheld for confidentiality. */
export const SUPPRESSED = '[c]';

export const SUPPRESSION_RANGE = { min: 1, max: 4 } as const;

export function suppressSmallNumber(count: number, marker: string = SUPPRESSED): number | string {
  return count >= SUPPRESSION_RANGE.min && count <= SUPPRESSION_RANGE.max ? marker : count;
}

/** Every count in a record (e.g. `byAgeBand`) suppressed the same way; other values untouched. */
export function suppressCounts<K extends string>(
  counts: Record<K, number>,
  marker: string = SUPPRESSED,
): Record<K, number | string> {
  const out = {} as Record<K, number | string>;
  for (const key of Object.keys(counts) as K[]) out[key] = suppressSmallNumber(counts[key], marker);
  return out;
}
