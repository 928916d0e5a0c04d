import type {
  SearchField,
  SearchMatch,
  SearchResult,
  TextSegment,
} from '../shared/api/channels/chronology-analysis.js';
import { CasebookError } from '../shared/api/errors.js';
import { type DatePrecision, type DateQualifier, formatFuzzyDate } from '../shared/dates/fuzzy-date.js';
import { ORDER_BY } from './chronology.js';
import type { Database } from './query.js';

/**
 * Full-text search of a review's chronology through 0004's FTS5 index
 * (`chronology_fts`: event, action, significance, source, practitioner).
 *
 * - **Safe query syntax**: what the reviewer typed is never passed to FTS5 as
 *   syntax. Each word becomes a quoted string ("s47", "A&E" and "NOT" are just
 *   text), "quoted words" stay a phrase, and the last word also matches as a
 *   prefix so results follow typing. All terms must match (AND).
 * - **Order**: the integrated order, so the table can jump from match to match.
 * - **Highlights** come back as segments `{text, match}`, not HTML: the renderer
 *   wraps match segments in <mark> as text, so entry text can never inject markup.
 *   The markers FTS5 puts round matches are control characters no typed text holds.
 */

const OPEN = '\u0002';
const CLOSE = '\u0003';
/** Splits on either marker, keeping it. */
const MARKERS = new RegExp(`(${OPEN}|${CLOSE})`);
const FIELDS: readonly SearchField[] = ['event', 'action', 'significance', 'source', 'practitioner'];

/** The FTS5 query for what was typed, or null when nothing searchable is left. */
export function ftsQuery(typed: string): string | null {
  const terms: { text: string; phrase: boolean }[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of typed.matchAll(pattern)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      if (phrase.trim() !== '') terms.push({ text: phrase.trim(), phrase: true });
    } else if (match[2]) {
      terms.push({ text: match[2], phrase: false });
    }
  }
  // A term with no letters or digits (e.g. "-", "&") would be an empty FTS5 string: drop it.
  const usable = terms.filter((term) => /[\p{L}\p{N}]/u.test(term.text));
  if (usable.length === 0) return null;
  const quote = (text: string) => `"${text.replaceAll('"', '""').replaceAll(OPEN, '').replaceAll(CLOSE, '')}"`;
  const endsTyping = !/\s$/.test(typed) && !typed.trimEnd().endsWith('"');
  return usable
    .map((term, index) =>
      index === usable.length - 1 && !term.phrase && endsTyping ? `${quote(term.text)}*` : quote(term.text),
    )
    .join(' ');
}

/** Text with FTS5's markers -> segments; adjacent parts of the same kind are joined. */
export function segmentsOf(marked: string | null): TextSegment[] {
  if (marked === null || marked === '') return [];
  const segments: TextSegment[] = [];
  let match = false;
  for (const part of marked.split(MARKERS)) {
    if (part === OPEN) match = true;
    else if (part === CLOSE) match = false;
    else if (part !== '') {
      const last = segments.at(-1);
      if (last && last.match === match) last.text += part;
      else segments.push({ text: part, match });
    }
  }
  return segments;
}

interface HitRow {
  seq: number;
  id: string;
  agency_id: string;
  agency_name: string;
  date_precision: string;
  date_qualifier: string;
  date_start: string;
  date_end: string | null;
  date_text: string;
  significant: number;
}

interface HighlightRow {
  rowid: number;
  event: string;
  snippet: string;
  action: string | null;
  significance: string | null;
  source: string | null;
  practitioner: string | null;
}

export function searchChronology(
  database: Database,
  input: { reviewId: string; query: string; limit: number; offset: number },
): SearchResult {
  if (!database.prepare('SELECT 1 FROM review WHERE id = ?').get(input.reviewId)) {
    throw new CasebookError('not_found', `review not found: ${input.reviewId}`);
  }
  const query = ftsQuery(input.query);
  if (query === null) return { query: '', matches: [], hasMore: false };

  // First the page of matching entries in the integrated order, then highlights for those rows only.
  const hits = database
    .prepare(
      `SELECT e.seq, e.id, e.agency_id, a.name AS agency_name, e.date_precision, e.date_qualifier,
         e.date_start, e.date_end, e.date_text, e.significant
       FROM chronology_entry e JOIN review_agency a ON a.id = e.agency_id
       WHERE e.review_id = ? AND e.seq IN (SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH ?)
       ORDER BY ${ORDER_BY} LIMIT ? OFFSET ?`,
    )
    .all(input.reviewId, query, input.limit + 1, input.offset) as HitRow[];
  const hasMore = hits.length > input.limit;
  const page = hits.slice(0, input.limit);
  if (page.length === 0) return { query, matches: [], hasMore: false };

  const highlights = new Map<number, HighlightRow>();
  const rows = database
    .prepare(
      `SELECT rowid,
         highlight(chronology_fts, 0, '${OPEN}', '${CLOSE}') AS event,
         snippet(chronology_fts, -1, '${OPEN}', '${CLOSE}', '…', 24) AS snippet,
         highlight(chronology_fts, 1, '${OPEN}', '${CLOSE}') AS action,
         highlight(chronology_fts, 2, '${OPEN}', '${CLOSE}') AS significance,
         highlight(chronology_fts, 3, '${OPEN}', '${CLOSE}') AS source,
         highlight(chronology_fts, 4, '${OPEN}', '${CLOSE}') AS practitioner
       FROM chronology_fts WHERE chronology_fts MATCH ? AND rowid IN (${page.map(() => '?').join(',')})`,
    )
    .all(query, ...page.map((hit) => hit.seq)) as HighlightRow[];
  for (const row of rows) highlights.set(row.rowid, row);

  const matches = page.map((hit): SearchMatch => {
    const marked = highlights.get(hit.seq);
    // snippet() picks the best column but does not say which: the field whose highlight holds the snippet's first match.
    const snippet = marked?.snippet ?? '';
    const openAt = snippet.indexOf(OPEN);
    const firstMatch = openAt === -1 ? '' : snippet.slice(openAt + 1, snippet.indexOf(CLOSE, openAt));
    const field =
      FIELDS.find((name) => {
        const text = marked?.[name];
        return typeof text === 'string' && text.includes(`${OPEN}${firstMatch}${CLOSE}`) && firstMatch !== '';
      }) ?? 'event';
    return {
      entryId: hit.id,
      agency: { id: hit.agency_id, name: hit.agency_name },
      date: formatFuzzyDate({
        precision: hit.date_precision as DatePrecision,
        qualifier: hit.date_qualifier as DateQualifier,
        start: hit.date_start,
        end: hit.date_end,
        text: hit.date_text,
      }),
      significant: hit.significant === 1,
      event: segmentsOf(marked?.event ?? null),
      snippet: { field, segments: segmentsOf(snippet) },
    };
  });
  return { query, matches, hasMore };
}
