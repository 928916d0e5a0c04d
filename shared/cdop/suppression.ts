/**
 * Small-number suppression for published figures, as official statistics releases
 * do it, so a child cannot be identified from a small cell:
 *
 * - primary: a count of 1 to 4 is withheld (shown as the marker); zero is shown
 *   (it identifies nobody);
 * - secondary: in a breakdown whose total is published (the categories of the
 *   reviews completed, the sexes of the deaths), a single withheld cell could be
 *   recovered by subtracting the others from the total, so the smallest other
 *   non-zero cell is withheld too. With two or more withheld cells only their sum
 *   can be recovered, never one of them. Where the total is itself withheld (the
 *   reviews with modifiable factors, withheld to protect a small "insufficient
 *   information"), a breakdown of it showing every cell would add up to it, so one
 *   cell is withheld there. The financial years of the trend are a breakdown of
 *   the period's totals too.
 *
 * A share is withheld when its numerator or its denominator is.
 */

/** The Government Statistical Service symbol for a value withheld for confidentiality. */
export const SUPPRESSED = '[c]';
export type Suppressed = typeof SUPPRESSED;

export const SUPPRESSION_RANGE = { min: 1, max: 4 } as const;

/** The rule in words, for the screen and every export that applies it. */
export const SUPPRESSION_RULE =
  `Counts of ${SUPPRESSION_RANGE.min} to ${SUPPRESSION_RANGE.max} are shown as ${SUPPRESSED} (withheld to protect confidentiality). ` +
  'Where a table has a published total and only one of its counts is withheld, the next smallest count is withheld too, ' +
  'and where its total is withheld, so is at least one of its counts, ' +
  'so no withheld count can be worked out by subtraction. A share is withheld when either of its counts is.';

export function isSmallNumber(count: number): boolean {
  return count >= SUPPRESSION_RANGE.min && count <= SUPPRESSION_RANGE.max;
}

export function suppressSmallNumber(count: number): number | Suppressed {
  return isSmallNumber(count) ? SUPPRESSED : count;
}

/**
 * How a breakdown's total is published, which decides what subtraction can recover:
 * `published` (shown somewhere: one withheld cell would be the total less the others),
 * `withheld` (itself withheld: if every cell were shown, their sum would give it back), or
 * `none` (shown nowhere).
 */
export type BreakdownTotal = 'published' | 'withheld' | 'none';

/**
 * The counts of one breakdown as published: primary suppression, then a secondary
 * cell (the smallest other non-zero count) when subtraction could recover a withheld
 * figure: exactly one withheld cell against a published total, or no withheld cell
 * against a withheld total.
 */
export function suppressBreakdown(counts: readonly number[], total: BreakdownTotal): (number | Suppressed)[] {
  const withheld = counts.map(isSmallNumber);
  const cells = withheld.filter(Boolean).length;
  if ((total === 'published' && cells === 1) || (total === 'withheld' && cells === 0)) {
    let second = -1;
    counts.forEach((count, index) => {
      if (withheld[index] || count === 0) return;
      if (second === -1 || count < (counts[second] as number)) second = index;
    });
    if (second !== -1) withheld[second] = true;
  }
  return counts.map((count, index) => (withheld[index] ? SUPPRESSED : count));
}
