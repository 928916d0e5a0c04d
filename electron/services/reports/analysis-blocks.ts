import { getEntry } from '../../../db/chronology.js';
import type { Vault } from '../../../db/vault.js';
import {
  ACTION_STATUS_LABELS,
  type Action,
  type Analysis,
  EPISODE_ACCOUNT_LABELS,
  EPISODE_ACCOUNTS,
  type EpisodeAnalysis,
  FINDING_PARTS,
  isOverdue,
} from '../../../shared/analysis/model.js';
import { FINDING_PATTERNS, labelOf } from '../../../shared/analysis/taxonomy/index.js';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import { isProseEmpty, proseFromText } from '../../../shared/reports/prose.js';
import type { ReportBlock } from './model.js';

/**
 * The review's analysis as report blocks: each finding in the SCIE form with the
 * factors behind it and their evidence, each recommendation with the findings it
 * answers, the action plan, and the key practice episodes' four accounts. Items are
 * numbered in the order the analysis lists them, and refer to each other by those
 * numbers; chronology entries by their No. in the integrated chronology (Appendix D).
 */

const NOT_WRITTEN = 'nothing has been recorded here yet.';

/** True when there is a chain to draw: the diagram appendix is left out otherwise. */
export function hasAnalysisItems(analysis: Analysis): boolean {
  return (
    analysis.factors.length + analysis.findings.length + analysis.recommendations.length + analysis.actions.length > 0
  );
}

const from = (analysis: Analysis, to: string) =>
  new Set(analysis.links.filter((link) => link.to === to).map((link) => link.from));

/** Plain text typed into a form (one paragraph a line), or a marked gap. */
function textBlocks(text: string | null): ReportBlock[] {
  const prose = proseFromText(text ?? '');
  return isProseEmpty(prose) ? [{ type: 'placeholder', text: NOT_WRITTEN }] : [{ type: 'prose', prose }];
}

export function findingBlocks(vault: Pick<Vault, 'database'>, analysis: Analysis): ReportBlock[] {
  if (analysis.findings.length === 0) {
    return [{ type: 'placeholder', text: 'No findings have been recorded in the analysis yet.' }];
  }
  const entryRef = new Map(analysis.entries.map((entry) => [entry.id, entry]));
  const episodeTitle = new Map(analysis.episodes.map((episode) => [episode.id, episode.title]));
  const evidenceOf = (factorId: string): string => {
    const cited = [...from(analysis, factorId)].flatMap((id) => {
      const entry = entryRef.get(id);
      if (entry) return [`chronology entry ${getEntry(vault.database, id).ref} (${entry.date}, ${entry.agency})`];
      const title = episodeTitle.get(id);
      return title === undefined ? [] : [`key practice episode "${title}"`];
    });
    return cited.length === 0 ? 'no evidence linked yet' : cited.join('; ');
  };
  return analysis.findings.flatMap((finding, index): ReportBlock[] => {
    const supporting = analysis.factors.filter((factor) => from(analysis, finding.id).has(factor.id));
    return [
      { type: 'heading', level: 2, text: `Finding ${index + 1}: ${finding.title}` },
      { type: 'paragraph', text: 'The pattern', bold: true },
      finding.pattern
        ? { type: 'paragraph', text: labelOf(FINDING_PATTERNS, finding.taxonomy, finding.pattern) }
        : { type: 'placeholder', text: 'No pattern chosen yet.' },
      ...FINDING_PARTS.flatMap((part): ReportBlock[] => [
        { type: 'paragraph', text: part.label, bold: true },
        ...textBlocks(finding[part.key]),
      ]),
      { type: 'paragraph', text: 'Contributory factors behind this finding', bold: true },
      supporting.length === 0
        ? { type: 'placeholder', text: 'No contributory factor is linked to this finding yet.' }
        : {
            type: 'prose',
            prose: supporting.map((factor) => ({
              type: 'bullet',
              depth: 0,
              content: [{ text: factor.description, bold: true }, { text: `. Evidence: ${evidenceOf(factor.id)}.` }],
            })),
          },
    ];
  });
}

const numbered = <T extends { id: string }>(items: readonly T[]) =>
  new Map(items.map((item, index) => [item.id, index + 1]));

function ownerText(action: Action): string {
  return [action.ownerAgency, action.ownerRole].filter((part) => part !== null && part.trim() !== '').join(', ');
}

/** The status as the board reads it: overdue is derived from the due date and today, never stored. */
function statusText(action: Action, today: string): string {
  const label = ACTION_STATUS_LABELS[action.status];
  return isOverdue(action, today) ? `${label} (overdue)` : label;
}

export function recommendationBlocks(analysis: Analysis, today: string): ReportBlock[] {
  if (analysis.recommendations.length === 0) {
    return [{ type: 'placeholder', text: 'No recommendations or action plan have been recorded yet.' }];
  }
  const findingNumber = numbered(analysis.findings);
  const recommendationNumber = numbered(analysis.recommendations);
  const blocks = analysis.recommendations.flatMap((recommendation, index): ReportBlock[] => {
    const answers = analysis.findings.filter((finding) => from(analysis, recommendation.id).has(finding.id));
    const addressee =
      recommendation.addressee === 'board'
        ? 'the safeguarding partnership board'
        : (recommendation.agency ?? 'an agency not yet named');
    return [
      { type: 'heading', level: 2, text: `Recommendation ${index + 1}` },
      { type: 'paragraph', text: recommendation.text, bold: true },
      {
        type: 'facts',
        rows: [
          ['Addressed to', addressee],
          [
            'From findings',
            answers.length === 0
              ? 'No finding linked yet'
              : answers.map((finding) => `${findingNumber.get(finding.id)}: ${finding.title}`).join('\n'),
          ],
        ],
      },
    ];
  });
  // An action belongs to the recommendation that links to it; one linked to none is still listed.
  const rows = analysis.actions.map((action) => {
    const owners = analysis.recommendations.filter((recommendation) =>
      from(analysis, action.id).has(recommendation.id),
    );
    const latest = action.evidence.at(-1);
    return [
      owners.map((recommendation) => `R${recommendationNumber.get(recommendation.id)}`).join(', ') || 'None linked',
      action.text,
      ownerText(action) || 'Not yet assigned',
      action.dueOn ? formatIsoUk(action.dueOn) : 'Not set',
      statusText(action, today),
      action.outcomeMeasure ?? '',
      latest ? `${formatIsoUk(latest.recordedOn)}: ${latest.text}` : '',
    ];
  });
  return [
    ...blocks,
    { type: 'heading', level: 2, text: 'Action plan' },
    rows.length === 0
      ? { type: 'placeholder', text: 'No actions have been recorded for the recommendations yet.' }
      : {
          type: 'table',
          headers: ['Rec.', 'Action', 'Owner', 'Due', 'Status', 'Outcome measure', 'Latest evidence'],
          rows,
          widths: [5, 10, 8, 8, 7, 9, 10],
          caption: 'The action plan',
        },
  ];
}

/** An episode's four accounts, each the reviewer's formatted text or a marked gap. */
export function episodeAccountBlocks(episode: EpisodeAnalysis | undefined): ReportBlock[] {
  if (!episode) return [];
  return EPISODE_ACCOUNTS.flatMap((account): ReportBlock[] => {
    const prose = episode[account];
    return [
      { type: 'paragraph', text: EPISODE_ACCOUNT_LABELS[account], bold: true },
      isProseEmpty(prose) ? { type: 'placeholder', text: NOT_WRITTEN } : { type: 'prose', prose },
    ];
  });
}
