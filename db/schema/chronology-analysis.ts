import type { ColumnsOf } from './columns.js';
/** Tables of key practice episodes (migration 0005_chronology_analysis). */

export interface KeyPracticeEpisodeTable {
  id: string;
  review_id: string;
  title: string;
  description: string | null;
  /** ISO date to any precision; null is open. */
  span_from: string | null;
  span_to: string | null;
  created_at: string;
  updated_at: string;
  /** The reviewer's account (0011_analysis): prose JSON (shared/reports/prose.ts); null is empty. */
  went_well: string | null;
  went_less_well: string | null;
  practitioners_view: string | null;
  family_view: string | null;
}

export interface KeyPracticeEpisodeEntryTable {
  episode_id: string;
  entry_id: string;
}

export interface ChronologyAnalysisTables {
  key_practice_episode: KeyPracticeEpisodeTable;
  key_practice_episode_entry: KeyPracticeEpisodeEntryTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const chronologyAnalysisColumns = {
  key_practice_episode: {
    id: 'text',
    review_id: 'text',
    title: 'text',
    description: 'text | null',
    span_from: 'text | null',
    span_to: 'text | null',
    created_at: 'text',
    updated_at: 'text',
    went_well: 'text | null',
    went_less_well: 'text | null',
    practitioners_view: 'text | null',
    family_view: 'text | null',
  },
  key_practice_episode_entry: {
    episode_id: 'text',
    entry_id: 'text',
  },
} satisfies ColumnsOf<ChronologyAnalysisTables>;
