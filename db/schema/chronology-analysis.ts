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
