/**
 * The fields of an agency chronology entry (DOMAIN.md section 3). Their labels
 * and the column headers agencies use for them are the chronology import kind's
 * (shared/import/chronology.ts).
 */

export const CHRONOLOGY_FIELDS = [
  'date',
  'time',
  'endDate',
  'endTime',
  'sequence',
  'agency',
  'source',
  'practitioner',
  'childSeen',
  'event',
  'action',
  'significance',
] as const;

export type ChronologyField = (typeof CHRONOLOGY_FIELDS)[number];

export const CHILD_SEEN_CODES = ['yes', 'no', 'not-known'] as const;
export type ChildSeen = (typeof CHILD_SEEN_CODES)[number];

/** `Y`, `Yes`, `seen`, `N`, `No`, `NK`, `Not known`, `Unknown`, `N/A`... -> the code; null when it is not one of these. */
export function parseChildSeen(text: string): ChildSeen | null {
  const value = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z/]+/g, ' ')
    .trim();
  if (['y', 'yes', 'seen', 'true', 'yes seen', 'seen alone'].includes(value)) return 'yes';
  if (['n', 'no', 'not seen', 'false'].includes(value)) return 'no';
  if (['nk', 'n k', 'not known', 'unknown', 'n/k', 'n/a', 'na', 'not recorded', 'dk', 'don t know'].includes(value))
    return 'not-known';
  return null;
}

export const CHILD_SEEN_LABELS: Record<ChildSeen, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };
