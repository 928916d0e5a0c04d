import { z } from 'zod';
import { channel } from '../channel.js';
import { id, optionalText, partialIsoDate } from '../fields.js';
import type { ChronologyEntry } from './chronology.js';

/**
 * Channels that work on the integrated chronology as a whole: possible duplicates
 * and the reviewer's decisions on them, full-text search with highlighted
 * matches, key practice episodes, and export to XLSX or CSV (optionally anonymised).
 */

// ---- input pieces ---------------------------------------------------------------

const entryIds = z.array(id('entry')).max(20_000, 'At most 20,000 entries at once');
const spanInOrder = (value: { from?: string | null | undefined; to?: string | null | undefined }) =>
  !value.from || !value.to || value.from <= value.to;
const spanOrder = { message: 'The span must not end before it starts', path: ['to'] };

export const DUPLICATE_DECISIONS = ['link', 'keep-both', 'dismiss', 'reopen'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];
export const DUPLICATE_STATUSES = ['flagged', 'linked', 'kept-both', 'dismissed'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

export const duplicatesListSchema = z
  .object({
    reviewId: id('review'),
    /** Only these statuses; every flag by default. */
    statuses: z.array(z.enum(DUPLICATE_STATUSES)).max(4).optional(),
  })
  .strict();

export const resolveDuplicateSchema = z
  .object({
    flagId: id('flag'),
    /** link: the same event (both kept, shown as linked); keep-both: different events; dismiss: a wrong flag; reopen: undecided again. */
    decision: z.enum(DUPLICATE_DECISIONS, { error: `Choose ${DUPLICATE_DECISIONS.join(', ')}` }),
  })
  .strict();

export const SEARCH_MAX_LIMIT = 50;

export const searchSchema = z
  .object({
    reviewId: id('review'),
    /** Words as typed; "quoted words" are a phrase; the last word also matches as a prefix. */
    query: z.string().max(500, 'The search is too long (at most 500 characters)'),
    limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_MAX_LIMIT),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const episodeCreateSchema = z
  .object({
    reviewId: id('review'),
    title: z.string().trim().min(1, 'Enter the title').max(300),
    description: optionalText('description', 20_000).default(null),
    /** A span of time: takes in every entry whose date lies wholly within it. */
    from: partialIsoDate('From').nullable().default(null),
    to: partialIsoDate('To').nullable().default(null),
    /** Or (and) chosen entries. */
    entryIds: entryIds.default([]),
  })
  .strict()
  .refine(spanInOrder, spanOrder)
  .refine((value) => value.entryIds.length > 0 || (value.from !== null && value.to !== null), {
    message: 'Choose a span of time (from and to) or some entries',
    path: ['entryIds'],
  });

export const episodeUpdateSchema = z
  .object({
    id: id('episode'),
    title: z.string().trim().min(1, 'Enter the title').max(300).optional(),
    description: optionalText('description', 20_000).optional(),
    /** Changing the span does not move entries in or out: use episodes.assignEntries. */
    from: partialIsoDate('From').nullable().optional(),
    to: partialIsoDate('To').nullable().optional(),
  })
  .strict()
  .refine(spanInOrder, spanOrder);

export const assignEntriesSchema = z
  .object({
    episodeId: id('episode'),
    entryIds,
    /** add to the episode's entries, remove them, or make them its entries. */
    mode: z.enum(['add', 'remove', 'replace']).default('add'),
  })
  .strict();

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportSchema = z
  .object({
    reviewId: id('review'),
    format: z.enum(EXPORT_FORMATS, { error: 'Choose xlsx or csv' }),
    /** Real names replaced by each person's pseudonym or role code (DOMAIN.md section 6). */
    anonymise: z.boolean().default(false),
  })
  .strict();

// ---- outputs ----------------------------------------------------------------------

export interface DuplicateFlag {
  /** `entryId:otherId` of the stored pair. */
  id: string;
  /** 0..1: how alike the two events' texts are (shared/chronology/duplicates.ts). */
  score: number | null;
  status: DuplicateStatus;
  flaggedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The two entries, the earlier in the integrated order first. */
  entries: [ChronologyEntry, ChronologyEntry];
}

/** Part of a text, marked when it matched the search: render `match` parts as <mark> (as text, never as HTML). */
export interface TextSegment {
  text: string;
  match: boolean;
}

export type SearchField = 'event' | 'action' | 'significance' | 'source' | 'practitioner';

export interface SearchMatch {
  entryId: string;
  /** The entry's number (`ChronologyEntry.ref`). */
  ref: number;
  agency: { id: string; name: string };
  /** For display, e.g. `circa Jun 2015`. */
  date: string;
  significant: boolean;
  /** The whole event text, matches marked. */
  event: TextSegment[];
  /** The best-matching passage (up to about 24 words) and the field it is from. */
  snippet: { field: SearchField; segments: TextSegment[] };
}

export interface SearchResult {
  /** The FTS5 query actually run (terms quoted), for the curious and for tests. */
  query: string;
  /** In the integrated order. */
  matches: SearchMatch[];
  /** More matches follow `offset + matches.length`. */
  hasMore: boolean;
}

export interface KeyPracticeEpisode {
  id: string;
  reviewId: string;
  title: string;
  description: string | null;
  /** ISO dates to any precision; null ends are open. */
  from: string | null;
  to: string | null;
  /** In the integrated order. */
  entryIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ChronologyExport {
  fileName: string;
  mimeType: string;
  contentBase64: string;
  entries: number;
  anonymised: boolean;
}

// ---- channels ---------------------------------------------------------------------

export const chronologyAnalysisChannels = {
  'chronology.duplicates': channel<DuplicateFlag[]>()(duplicatesListSchema, { requiresUnlocked: true }),
  'chronology.resolveDuplicate': channel<DuplicateFlag>()(resolveDuplicateSchema, { requiresUnlocked: true }),
  /** Looks again for possible duplicates across the whole review (after edits); returns how many new flags. */
  'chronology.detectDuplicates': channel<{ flagged: number }>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  'chronology.search': channel<SearchResult>()(searchSchema, { requiresUnlocked: true }),
  'episodes.create': channel<KeyPracticeEpisode>()(episodeCreateSchema, { requiresUnlocked: true }),
  'episodes.list': channel<KeyPracticeEpisode[]>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  'episodes.update': channel<KeyPracticeEpisode>()(episodeUpdateSchema, { requiresUnlocked: true }),
  'episodes.delete': channel<{ deleted: true }>()(z.object({ id: id('episode') }).strict(), {
    requiresUnlocked: true,
  }),
  'episodes.assignEntries': channel<KeyPracticeEpisode>()(assignEntriesSchema, { requiresUnlocked: true }),
  'chronology.export': channel<ChronologyExport>()(exportSchema, { requiresUnlocked: true }),
} as const;
