import * as analysis from '../../db/analysis.js';
import type { AnalysisOwner } from '../../shared/analysis/model.js';
import type { analysisChannels } from '../../shared/api/channels/analysis.js';
import { exportActionPlan } from '../services/action-plan-export.js';
import type { AppContext, HandlersFor } from './types.js';

/** Every change answers with the whole analysis of the review or case it touched. */
export function analysisHandlers({ session }: AppContext): HandlersFor<typeof analysisChannels> {
  const vault = () => session.current();
  const read = (owner: AnalysisOwner) => analysis.readAnalysis(session.current().database, owner);
  return {
    'analysis.get': ({ owner }) => read(owner),
    'analysis.check': ({ owner }) => analysis.checkAnalysis(vault().database, owner),
    'analysis.episode.update': (input) => read(analysis.updateEpisodeAccount(vault(), input)),
    'analysis.factor.create': ({ owner, ...input }) => {
      analysis.createFactor(vault(), owner, input);
      return read(owner);
    },
    'analysis.factor.update': (input) => read(analysis.updateFactor(vault(), input)),
    'analysis.finding.create': ({ owner, ...input }) => {
      analysis.createFinding(vault(), owner, input);
      return read(owner);
    },
    'analysis.finding.update': (input) => read(analysis.updateFinding(vault(), input)),
    'analysis.recommendation.create': ({ owner, ...input }) => {
      analysis.createRecommendation(vault(), owner, input);
      return read(owner);
    },
    'analysis.recommendation.update': (input) => read(analysis.updateRecommendation(vault(), input)),
    'analysis.action.create': ({ owner, ...input }) => {
      analysis.createAction(vault(), owner, input);
      return read(owner);
    },
    'analysis.action.update': (input) => read(analysis.updateAction(vault(), input)),
    'analysis.action.addEvidence': (input) => read(analysis.addActionEvidence(vault(), input)),
    'analysis.action.removeEvidence': ({ id }) => read(analysis.removeActionEvidence(vault(), id)),
    'analysis.remove': ({ id }) => read(analysis.removeItem(vault(), id)),
    'analysis.link': (input) => read(analysis.link(vault(), input)),
    'analysis.unlink': (input) => read(analysis.unlink(vault(), input)),
    'analysis.import': ({ owner, analysis: file }) => analysis.importAnalysis(vault(), owner, file),
    'actions.board': (filter) => analysis.actionBoard(vault().database, filter),
    'actions.export': (filter) => exportActionPlan(vault(), filter),
  };
}
