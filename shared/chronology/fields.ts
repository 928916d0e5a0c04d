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

/**
 * What an entry says besides its agency and date: one shape for an imported
 * row, an entry as stored and an entry as the API returns it.
 */
export interface EntryContent {
  sequence: string | null;
  /** `HH:mm`, when a time column gave one. A time also moves a day date to minute precision. */
  time: string | null;
  /** ISO to its precision. */
  endDate: string | null;
  endTime: string | null;
  source: string | null;
  practitioner: string | null;
  childSeen: ChildSeen | null;
  /** What the "child seen" cell said when it was not a plain yes / no / not known (e.g. "Mother and Child H"). */
  childSeenText: string | null;
  event: string;
  action: string | null;
  significance: string | null;
  significant: boolean;
}

export const CHILD_SEEN_LABELS: Record<ChildSeen, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };
