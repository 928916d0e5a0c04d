import { type InferResult, sql } from 'kysely';
import type {
  SearchField,
  SearchMatch,
  SearchResult,
  TextSegment,
} from '../shared/api/channels/chronology-analysis.js';
import { type DatePrecision, type DateQualifier, formatFuzzyDate } from '../shared/dates/fuzzy-date.js';
import { inIntegratedOrder } from './chronology.js';
import { all, type Database, prepare, query } from './query.js';
import { requireReview } from './reviews.js';

/**
 * Full-text search of a review's chronology through 0004's FTS5 index
 * (`chronology_fts`: event, action, significance, source, practitioner).
 *
 * - **Safe query syntax**: what the reviewer typed is never passed to FTS5 as
 *   syntax. Each word becomes a quoted string ("s47", "A&E" and "NOT" are just
 *   text), "quoted words" stay a phrase, and the last word also matches as a
 *   prefix so results follow typing. All terms must match (AND).
 * - **Order**: the integrated order, so the table can jump from match to match.
 *   Three plans, chosen by a cheap probe of the index: a rare term (under
 *   {@link FEW_MATCHES} matches) reads just those entries and sorts them; a middling
 *   one lets SQLite walk the review's order index against FTS5's match list; a
 *   common one (from {@link MANY_MATCHES}) walks the review in order with a LIKE
 *   pre-filter, stopping at the page's end, and keeps the rows whose text matches
 *   by FTS5's own token rules (a term with letters outside a-z, say "Zoë", is
 *   never common enough to take this path in practice, and always takes another).
 * - **Highlights** come back as segments `{text, match}`, not HTML: the renderer
 *   wraps match segments in <mark> as text, so entry text can never inject markup.
 *   They are computed here with FTS5's own token rules (unicode61: letters and
 *   digits, case and diacritics ignored) rather than by `highlight()`, which
 *   would run the whole MATCH again for every row shown (10-40 ms a page at
 *   100,000 entries, against well under a millisecond).
 */

const FIELDS: readonly SearchField[] = ['event', 'action', 'significance', 'source', 'practitioner'];
/** Below this many matches in the index, reading them all and sorting beats walking the review in order. */
export const FEW_MATCHES = 500;
/**
 * From this many matches in the index (5% of a 100,000-entry review) a page is
 * found soonest by reading the review in order and matching each entry's text
 * here, as FTS5 would; below it, by asking FTS5 for every match and sorting.
 */
export const MANY_MATCHES = 5_000;
/** Words either side of a snippet's first match, about FTS5 snippet()'s 24 tokens in all. */
const SNIPPET_TOKENS = 24;

interface Term {
  /** The term's tokens, normalised: a phrase when more than one. */
  tokens: string[];
  /** The last token also matches as a prefix. */
  prefix: boolean;
}

interface ParsedQuery {
  /** For FTS5. */
  fts: string;
  terms: Term[];
}

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** As unicode61 with remove_diacritics 2 folds a token. */
function foldToken(token: string): string {
  return token
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

function tokensOf(text: string): { text: string; start: number; end: number }[] {
  return [...text.matchAll(TOKEN)].map((match) => ({
    text: foldToken(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The FTS5 query for what was typed, with its terms for highlighting; null when nothing searchable is left. */
export function parseSearch(typed: string): ParsedQuery | null {
  const written: { text: string; phrase: boolean }[] = [];
  for (const match of typed.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      if (phrase.trim() !== '') written.push({ text: phrase.trim(), phrase: true });
    } else if (match[2]) {
      written.push({ text: match[2], phrase: false });
    }
  }
  // A term with no letters or digits (e.g. "-", "&") would be an empty FTS5 string: drop it.
  const usable = written.filter((term) => tokensOf(term.text).length > 0);
  if (usable.length === 0) return null;
  const endsTyping = !/\s$/.test(typed) && !typed.trimEnd().endsWith('"');
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const terms: Term[] = [];
  const parts: string[] = [];
  usable.forEach((term, index) => {
    const prefix = index === usable.length - 1 && !term.phrase && endsTyping;
    parts.push(prefix ? `${quote(term.text)}*` : quote(term.text));
    terms.push({ tokens: tokensOf(term.text).map((token) => token.text), prefix });
  });
  return { fts: parts.join(' '), terms };
}

/** The FTS5 query string alone (see parseSearch). */
export function ftsQuery(typed: string): string | null {
  return parseSearch(typed)?.fts ?? null;
}

/** Character ranges of every occurrence of the terms in `text`, merged. */
function matchRanges(text: string, terms: readonly Term[]): [number, number][] {
  const tokens = tokensOf(text);
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of terms) {
      const length = term.tokens.length;
      if (i + length > tokens.length) continue;
      let hit = true;
      for (let k = 0; k < length && hit; k++) {
        const token = (tokens[i + k] as { text: string }).text;
        const wanted = term.tokens[k] as string;
        hit = k === length - 1 && term.prefix ? token.startsWith(wanted) : token === wanted;
      }
      if (hit) {
        ranges.push([(tokens[i] as { start: number }).start, (tokens[i + length - 1] as { end: number }).end]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function segmentsFrom(text: string, ranges: readonly [number, number][], from = 0, to = text.length): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(Math.max(start, from), Math.min(end, to)), match: true });
    at = Math.min(end, to);
  }
  if (at < to) segments.push({ text: text.slice(at, to), match: false });
  return segments;
}

/** The whole text, matches marked. */
export function highlightText(text: string | null, terms: readonly Term[]): TextSegment[] {
  if (text === null || text === '') return [];
  return segmentsFrom(text, matchRanges(text, terms));
}

/**
 * The event text with matches marked, and a snippet: about SNIPPET_TOKENS words
 * round the first match of the field with the most matches, "…" where cut.
 */
function highlightsOf(
  fields: Record<SearchField, string | null>,
  terms: readonly Term[],
): { event: TextSegment[]; snippet: { field: SearchField; segments: TextSegment[] } } {
  let best: { field: SearchField; text: string; ranges: [number, number][] } | null = null;
  let eventRanges: [number, number][] = [];
  for (const field of FIELDS) {
    const text = fields[field];
    if (!text) continue;
    const ranges = matchRanges(text, terms);
    if (field === 'event') eventRanges = ranges;
    if (ranges.length > 0 && (!best || ranges.length > best.ranges.length)) best = { field, text, ranges };
  }
  const event = fields.event ? segmentsFrom(fields.event, eventRanges) : [];
  if (!best) return { event, snippet: { field: 'event', segments: event } };
  const tokens = tokensOf(best.text);
  const first = (best.ranges[0] as [number, number])[0];
  const firstToken = Math.max(
    0,
    tokens.findIndex((token) => token.start >= first),
  );
  const startToken = Math.max(0, Math.min(firstToken - 4, tokens.length - SNIPPET_TOKENS));
  const endToken = Math.min(tokens.length, startToken + SNIPPET_TOKENS);
  const from = startToken === 0 ? 0 : (tokens[startToken] as { start: number }).start;
  const to = endToken >= tokens.length ? best.text.length : (tokens[endToken - 1] as { end: number }).end;
  const segments = segmentsFrom(best.text, best.ranges, from, to);
  if (from > 0) segments.unshift({ text: '…', match: false });
  if (to < best.text.length) segments.push({ text: '…', match: false });
  return { event, snippet: { field: best.field, segments } };
}

function hitSelect() {
  return query
    .selectFrom('chronology_entry as e')
    .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
    .select([
      'e.seq',
      'e.id',
      'e.ref',
      'e.agency_id',
      'a.name as agency_name',
      'e.date_precision',
      'e.date_qualifier',
      'e.date_start',
      'e.date_end',
      'e.date_text',
      'e.significant',
      'e.event',
      'e.action',
      'e.significance',
      'e.source',
      'e.practitioner',
    ]);
}

type HitRow = InferResult<ReturnType<typeof hitSelect>>[number];

/** The seq of every entry matching an FTS5 query. Raw SQL: Kysely has no MATCH, and the FTS5 table is outside its schema. */
const matching = (fts: string) => sql<number>`(SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH ${fts})`;

const ASCII = /^[a-z0-9]*$/;

/** FTS5's AND: every term occurs in at least one of the fields. */
function rowMatches(row: Record<SearchField, string | null>, terms: readonly Term[]): boolean {
  return terms.every((term) =>
    FIELDS.some((field) => {
      const text = row[field];
      return text !== null && text !== '' && matchRanges(text, [term]).length > 0;
    }),
  );
}

export function searchChronology(
  database: Database,
  input: { reviewId: string; query: string; limit: number; offset: number },
): SearchResult {
  requireReview(database, input.reviewId);
  const parsed = parseSearch(input.query);
  if (parsed === null) return { query: '', matches: [], hasMore: false };

  // How common is the term? Counting stops at MANY_MATCHES, so this costs well under a millisecond.
  // Raw SQL here and below: Kysely has no MATCH, and the FTS5 table is outside its schema.
  const inVault = (
    prepare(
      database,
      'SELECT count(*) AS n FROM (SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH ? LIMIT ?)',
    ).get(parsed.fts, MANY_MATCHES) as { n: number }
  ).n;
  const asciiTokens = parsed.terms.every((term) => term.tokens.every((token) => ASCII.test(token)));
  let plan: 'few' | 'index' | 'walk' = inVault < FEW_MATCHES ? 'few' : inVault < MANY_MATCHES ? 'index' : 'walk';
  if (plan === 'walk') {
    // Common in the vault, but maybe not in this review (another review may hold them all):
    // walk only when this review has plenty too, found in FTS5's order and stopping early.
    const inReview = (
      prepare(
        database,
        `SELECT count(*) AS n FROM (SELECT f.rowid FROM chronology_fts f JOIN chronology_entry e ON e.seq = f.rowid
           WHERE chronology_fts MATCH ? AND e.review_id = ? LIMIT ?)`,
      ).get(parsed.fts, input.reviewId, FEW_MATCHES) as { n: number }
    ).n;
    if (inReview < FEW_MATCHES || !asciiTokens) plan = 'index';
  }
  const wanted = input.offset + input.limit + 1;
  let hits: HitRow[];
  if (plan === 'walk') {
    // Common terms: walk the review in order with a LIKE pre-filter that stops at the page's end,
    // then keep the rows that match as FTS5 would (whole tokens, prefix on the last).
    // Tokens here are a-z and 0-9 only: nothing for LIKE to read as a wildcard.
    hits = [];
    let skipped = 0;
    const tokens = parsed.terms.flatMap((term) => term.tokens);
    const batch = inIntegratedOrder(
      hitSelect()
        .where('e.review_id', '=', input.reviewId)
        .where((eb) =>
          eb.and(tokens.map((token) => eb.or(FIELDS.map((field) => eb(`e.${field}`, 'like', `%${token}%`))))),
        ),
    );
    const size = wanted + 50;
    for (let offset = 0; skipped + hits.length < wanted; offset += size) {
      const rows = all(database, batch.limit(size).offset(offset));
      for (const row of rows) {
        if (!rowMatches(row, parsed.terms)) continue;
        if (skipped < input.offset) skipped++;
        else hits.push(row);
        if (skipped + hits.length >= wanted) break;
      }
      if (rows.length < size) break;
    }
  } else {
    // `+e.review_id` keeps SQLite off the review's order index, so it reads the few matches by rowid instead
    // (raw: Kysely has no unary plus on a column).
    const reviewColumn = plan === 'few' ? sql<string>`+e.review_id` : sql<string>`e.review_id`;
    hits = all(
      database,
      inIntegratedOrder(hitSelect().where(reviewColumn, '=', input.reviewId).where('e.seq', 'in', matching(parsed.fts)))
        .limit(input.limit + 1)
        .offset(input.offset),
    );
  }
  const hasMore = hits.length > input.limit;
  const matches = hits.slice(0, input.limit).map(
    (hit): SearchMatch => ({
      entryId: hit.id,
      ref: hit.ref,
      agency: { id: hit.agency_id, name: hit.agency_name },
      date: formatFuzzyDate({
        precision: hit.date_precision as DatePrecision,
        qualifier: hit.date_qualifier as DateQualifier,
        start: hit.date_start,
        end: hit.date_end,
        text: hit.date_text,
      }),
      significant: hit.significant === 1,
      ...highlightsOf(hit, parsed.terms),
    }),
  );
  return { query: parsed.fts, matches, hasMore };
}
