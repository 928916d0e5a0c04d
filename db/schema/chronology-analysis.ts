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
  },
  key_practice_episode_entry: {
    episode_id: 'text',
    entry_id: 'text',
  },
} satisfies ColumnsOf<ChronologyAnalysisTables>;
