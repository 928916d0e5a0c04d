import { type FuzzyDate, isoToMs, rangeOf } from '../dates/fuzzy-date.js';

/**
 * Possible duplicates in the integrated chronology: the same event recorded by two
 * agencies (a strategy meeting, a joint visit, a phone call between them). A flag
 * only: the reviewer links the pair as one event, keeps both or dismisses the flag.
 *
 * Decisions, so they can be explained to a reviewer:
 *
 * - **Across agencies only.** One agency recording an event twice is its own matter.
 * - **Dates** must be able to mean the same time (`rangeOf`, as `couldOverlap`):
 *   the same day, or overlapping uncertain dates (`May 2015` meets `12/05/2015`).
 *   An open end (`before 12/05/2015`) is taken to reach back or forward one year,
 *   else it would meet half the chronology.
 * - **Text**: each event is reduced to its content words: lower case, punctuation
 *   dropped, common words dropped ("the", "with", "held"), simple endings stripped
 *   ("attended" -> "attend") and the usual variants made one word ("CSC",
 *   "social care" and "children's services"; "strategy discussion" and "strategy
 *   meeting"; "HV" and "health visitor"). The score is the mean of the Dice
 *   coefficient (shared words against both lengths) and the overlap coefficient
 *   (shared words against the shorter), so a short entry ("Strategy discussion with
 *   police") can match one agency's long account of the same meeting.
 * - **Flag** when the score is at least {@link DUPLICATE_THRESHOLD} (0.6) and the
 *   two share at least two content words: one shared word ("child", "visit") is
 *   never enough. Tested on realistic pairs in tests/unit/chronology-duplicates.test.ts.
 * - **At most {@link MAX_FLAGS_PER_ENTRY} flags per entry**, the best scores.
 * - **Scale**: entries are blocked by day (dates within {@link NARROW_DAYS} days)
 *   or by month (coarser dates, up to three years), and only entries sharing a
 *   block are compared, so 100,000 entries take well under a second, not n².
 *
 * Pure and Node-free: the renderer may use `eventSimilarity` to explain a flag.
 */

export const DUPLICATE_THRESHOLD = 0.6;
/** A date range up to this many days is blocked by day; longer ones by month. */
export const NARROW_DAYS = 14;
/**
 * At most this many flags on one entry, the best-scoring: a reviewer can weigh a
 * few candidates, and a run of near-identical entries (daily "no answer at the
 * door") would otherwise pair every one with every other.
 */
export const MAX_FLAGS_PER_ENTRY = 3;
/** Ranges longer than this many months (after clipping open ends) are too vague to compare. */
const MAX_MONTHS = 40;

export interface DuplicateCandidateEntry {
  id: string;
  /** The agency's id or name: pairs within one agency are never flagged. */
  agency: string;
  date: FuzzyDate;
  event: string;
}

export interface DuplicatePair {
  /** The earlier of the two in the input order. */
  a: string;
  b: string;
  /** 0..1, rounded to two places. */
  score: number;
}

// ---- text --------------------------------------------------------------------------

/** Phrases that mean the same thing in agency records, made one token before splitting. */
const PHRASES: readonly [RegExp, string][] = [
  [
    /\bchild(?:ren)?s? social care\b|\bchild(?:ren)?s? services\b|\bsocial services\b|\bsocial care\b|\bcscs?\b/g,
    ' csc ',
  ],
  [/\bstrat(?:egy)? (?:discussion|meeting|mtg|disc)s?\b/g, ' strategymeeting '],
  [/\bhealth visitors?\b|\bhvs?\b/g, ' hv '],
  [/\bgeneral practitioners?\b|\bgps?\b|\bdoctors?\b/g, ' gp '],
  [/\bsocial workers?\b|\bsws?\b/g, ' sw '],
  [/\bsection 47\b|\bs ?47\b/g, ' s47 '],
  [/\bsection 17\b|\bs ?17\b/g, ' s17 '],
  [/\binitial child protection (?:case )?conference\b|\bicpcs?\b/g, ' icpc '],
  [/\bchild protection\b|\bcp\b/g, ' cp '],
  [/\bjoint (?:home )?visit\b/g, ' jointvisit visit '],
  [/\bhome visits?\b/g, ' homevisit visit '],
  [/\bmulti agency safeguarding hub\b|\bmash\b/g, ' mash '],
  [/\bdomestic (?:abuse|violence)\b|\bdv\b|\bda\b/g, ' da '],
  [/\b(?:accident and emergency|a and e|emergency department|a ?e)\b/g, ' ed '],
  [/\b(?:tele)?phon(?:e|ed|ing)\b|\brang\b|\btel\b|\bcall(?:ed|s)?\b/g, ' phone '],
  [/\bmeeting\b|\bmtg\b/g, ' meeting '],
];

/** Words too common in chronologies to say two entries are one event. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been by for from had has have he her hers him his i in into is it its of on or our ' +
    'she so that the their them then there they this to was we were which who with within without ' +
    'held took place undertaken completed made done also re regarding about following after before ' +
    'child children young person mother father mum dad parent parents family today date time'
  ).split(' '),
);

/** Crude but consistent: "bruising", "bruised", "bruises" and "bruise" all give "bruis". */
function stem(word: string): string {
  let stemmed = word;
  if (stemmed.length > 5 && stemmed.endsWith('ing')) stemmed = stemmed.slice(0, -3);
  else if (stemmed.length > 4 && stemmed.endsWith('ed') && !stemmed.endsWith('eed')) stemmed = stemmed.slice(0, -2);
  else if (stemmed.length > 4 && stemmed.endsWith('ies')) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.length > 3 && stemmed.endsWith('s') && !stemmed.endsWith('ss')) stemmed = stemmed.slice(0, -1);
  if (stemmed.length > 4 && stemmed.endsWith('e')) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

/** The content words of an event's text, each once (see the module header). */
export function eventTokens(text: string): string[] {
  let normal = ` ${text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const [pattern, replacement] of PHRASES) normal = normal.replace(pattern, replacement);
  const tokens = new Set<string>();
  for (const word of normal.split(' ')) {
    if (word === '' || STOPWORDS.has(word)) continue;
    const stemmed = stem(word);
    if (stemmed.length > 1 && !STOPWORDS.has(stemmed)) tokens.add(stemmed);
  }
  return [...tokens];
}

/** Shared words, Dice and overlap coefficients for two token sets. */
function scoreSets(sizeA: number, sizeB: number, shared: number): number {
  if (shared < 2 || sizeA === 0 || sizeB === 0) return 0;
  const dice = (2 * shared) / (sizeA + sizeB);
  const overlap = shared / Math.min(sizeA, sizeB);
  return Math.round(((dice + overlap) / 2) * 100) / 100;
}

/** How alike two events' texts are, 0..1 (0 when they share fewer than two content words). */
export function eventSimilarity(a: string, b: string): number {
  const first = new Set(eventTokens(a));
  const second = eventTokens(b);
  const shared = second.filter((token) => first.has(token)).length;
  return scoreSets(first.size, second.length, shared);
}

// ---- dates and blocking -----------------------------------------------------------

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 366 * DAY_MS;

/** The range in ms, open ends clipped to a year from the known end. */
function boundsOf(date: FuzzyDate): [number, number] | null {
  const range = rangeOf(date);
  if (range.earliest === null && range.latest === null) return null;
  const latest = range.latest === null ? null : isoToMs(range.latest) + MINUTE_MS - 1;
  const earliest = range.earliest === null ? null : isoToMs(range.earliest);
  if (earliest === null && latest !== null) return [latest - YEAR_MS, latest];
  if (latest === null && earliest !== null) return [earliest, earliest + YEAR_MS];
  return [earliest as number, latest as number];
}

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
const monthOf = (ms: number) => {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
};

interface Prepared {
  index: number;
  id: string;
  agency: string;
  start: number;
  end: number;
  narrow: boolean;
  /** Sorted token ids. */
  tokens: Int32Array;
}

function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every pair of possible duplicates among `entries`. With `onlyInvolving` (ids of
 * newly imported entries) only pairs with at least one of those are returned, so
 * detection after an import costs in proportion to the import, not the review.
 */
export function findPossibleDuplicates(
  entries: readonly DuplicateCandidateEntry[],
  options: { onlyInvolving?: ReadonlySet<string>; threshold?: number; maxPerEntry?: number } = {},
): DuplicatePair[] {
  const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
  const maxPerEntry = options.maxPerEntry ?? MAX_FLAGS_PER_ENTRY;
  const dictionary = new Map<string, number>();
  const prepared: Prepared[] = [];
  const byDay = new Map<number, number[]>();
  const byMonth = new Map<number, number[]>();
  /** Only the coarse entries, so a day-dated entry does not walk every entry of its month. */
  const coarseByMonth = new Map<number, number[]>();

  for (const [index, entry] of entries.entries()) {
    const bounds = boundsOf(entry.date);
    if (!bounds) continue;
    const [start, end] = bounds;
    const firstMonth = monthOf(start);
    const lastMonth = monthOf(end);
    if (lastMonth - firstMonth > MAX_MONTHS) continue;
    const ids = eventTokens(entry.event).map((token) => {
      let id = dictionary.get(token);
      if (id === undefined) {
        id = dictionary.size;
        dictionary.set(token, id);
      }
      return id;
    });
    if (ids.length < 2) continue;
    const item: Prepared = {
      index,
      id: entry.id,
      agency: entry.agency,
      start,
      end,
      narrow: dayOf(end) - dayOf(start) < NARROW_DAYS,
      tokens: Int32Array.from(ids).sort(),
    };
    const at = prepared.length;
    prepared.push(item);
    if (item.narrow) for (let day = dayOf(start); day <= dayOf(end); day++) push(byDay, day, at);
    for (let month = firstMonth; month <= lastMonth; month++) {
      push(byMonth, month, at);
      if (!item.narrow) push(coarseByMonth, month, at);
    }
  }

  const only = options.onlyInvolving;
  const probe = prepared.map((item) => !only || only.has(item.id));
  const pairs: DuplicatePair[] = [];
  // seenBy[o] === at + 1: entry o was already considered for probe `at` (it can sit in several blocks).
  const seenBy = new Int32Array(prepared.length);

  const consider = (at: number, item: Prepared, list: readonly number[] | undefined) => {
    if (!list) return;
    for (const otherAt of list) {
      if (otherAt === at || seenBy[otherAt] === at + 1) continue;
      seenBy[otherAt] = at + 1;
      // Each pair once: when both are probes, the later one finds it.
      if (probe[otherAt] && otherAt > at) continue;
      const other = prepared[otherAt] as Prepared;
      if (other.agency === item.agency || other.start > item.end || item.start > other.end) continue;
      const score = scoreSets(item.tokens.length, other.tokens.length, sharedCount(item.tokens, other.tokens));
      if (score < threshold) continue;
      const [a, b] = other.index < item.index ? [other, item] : [item, other];
      found.push({ a: a.id, b: b.id, score });
    }
  };
  let found: DuplicatePair[] = [];
  const keepBest = () => {
    // The probe's best few only, so a run of near-identical entries cannot flood the list.
    if (found.length > maxPerEntry) found = found.sort((x, y) => y.score - x.score).slice(0, maxPerEntry);
    for (const pair of found) pairs.push(pair);
    found = [];
  };

  for (const [at, item] of prepared.entries()) {
    if (!probe[at]) continue;
    const firstMonth = monthOf(item.start);
    const lastMonth = monthOf(item.end);
    if (item.narrow) {
      for (let day = dayOf(item.start); day <= dayOf(item.end); day++) consider(at, item, byDay.get(day));
      // Coarser dates are only in the month blocks.
      for (let month = firstMonth; month <= lastMonth; month++) consider(at, item, coarseByMonth.get(month));
    } else {
      for (let month = firstMonth; month <= lastMonth; month++) consider(at, item, byMonth.get(month));
    }
    keepBest();
  }
  // Then at most maxPerEntry flags on any one entry, best scores first.
  const flags = new Map<string, number>();
  return pairs
    .sort((x, y) => y.score - x.score)
    .filter((pair) => {
      const a = flags.get(pair.a) ?? 0;
      const b = flags.get(pair.b) ?? 0;
      if (a >= maxPerEntry || b >= maxPerEntry) return false;
      flags.set(pair.a, a + 1);
      flags.set(pair.b, b + 1);
      return true;
    });
}
