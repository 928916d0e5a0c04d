import { useState } from 'react';
import {
  type Analysis,
  EPISODE_ACCOUNTS,
  type EpisodeAccount,
  type EpisodeAnalysis,
} from '../../../../shared/analysis/model.js';
import type { Prose } from '../../../../shared/reports/prose.js';
import { ProseEditor } from '../../components/prose/ProseEditor.js';
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
 * account. Each part is formatted text, edited with the report's prose editor and
 * saved with the episode's Save button, like every other form on this page.
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
  const [accounts, setAccounts] = useState<Record<EpisodeAccount, Prose>>(
    () => Object.fromEntries(EPISODE_ACCOUNTS.map((key) => [key, episode[key]])) as Record<EpisodeAccount, Prose>,
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
            ...accounts,
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
          <div className="field account" key={key}>
            {/* Visible name; the editor itself is named by its label. */}
            <p className="account-label" aria-hidden="true">
              {ACCOUNT_LABELS[key]}
            </p>
            <ProseEditor
              label={`${ACCOUNT_LABELS[key]}: ${episode.title}`}
              value={episode[key]}
              onChange={(prose) => setAccounts((current) => ({ ...current, [key]: prose }))}
            />
          </div>
        ))}
      </div>
      <button type="submit" className="secondary">
        Save account<span className="visually-hidden"> of {episode.title}</span>
      </button>
    </form>
  );
}
