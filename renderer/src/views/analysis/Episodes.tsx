import { useState } from 'react';
import {
  type Analysis,
  EPISODE_ACCOUNTS,
  type EpisodeAccount,
  type EpisodeAnalysis,
} from '../../../../shared/analysis/model.js';
import { proseFromText, proseText } from '../../../../shared/reports/prose.js';
import { TextField } from '../../components/Field.js';
import type { AnalysisChange } from './analysis-change.js';
import { ChainSection } from './ChainSection.js';

const ACCOUNT_LABELS: Record<EpisodeAccount, string> = {
  wentWell: 'What went well',
  wentLessWell: 'What did not go well',
  practitionersView: "Practitioners' perspective (case group or learning event)",
  familyView: "The family's perspective",
};

/**
 * Key practice episodes (made on the chronology) completed with the reviewer's
 * account. Each part is stored as prose; here it is edited as plain paragraphs,
 * one per line, until the report editor is shared.
 */
export function Episodes({ analysis, change }: { analysis: Analysis; change: AnalysisChange }) {
  return (
    <ChainSection
      id="episodes"
      title="Key practice episodes"
      empty="No key practice episodes yet: make them on the chronology or the timeline."
      items={analysis.episodes}
    >
      {(episode) => <EpisodeAccountForm episode={episode} change={change} />}
    </ChainSection>
  );
}

function EpisodeAccountForm({ episode, change }: { episode: EpisodeAnalysis; change: AnalysisChange }) {
  const [texts, setTexts] = useState<Record<EpisodeAccount, string>>(
    () =>
      Object.fromEntries(EPISODE_ACCOUNTS.map((key) => [key, proseText(episode[key])])) as Record<
        EpisodeAccount,
        string
      >,
  );
  return (
    <form
      className="item-form"
      aria-label={`Account of ${episode.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        void change(
          'analysis.episode.update',
          {
            id: episode.id,
            ...Object.fromEntries(EPISODE_ACCOUNTS.map((key) => [key, proseFromText(texts[key])])),
          },
          `Account of "${episode.title}" saved.`,
        );
      }}
    >
      <p className="item-title">{episode.title}</p>
      <p className="item-meta">
        {episode.entryIds.length} {episode.entryIds.length === 1 ? 'entry' : 'entries'}
        {episode.from || episode.to ? ` · ${episode.from ?? '…'} to ${episode.to ?? '…'}` : ''}
      </p>
      <div className="account-grid">
        {EPISODE_ACCOUNTS.map((key) => (
          <TextField
            key={key}
            label={ACCOUNT_LABELS[key]}
            value={texts[key]}
            onChange={(value) => setTexts((current) => ({ ...current, [key]: value }))}
            rows={3}
          />
        ))}
      </div>
      <button type="submit" className="secondary">
        Save account<span className="visually-hidden"> of {episode.title}</span>
      </button>
    </form>
  );
}
