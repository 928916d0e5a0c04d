import { listDuplicates, resolveDuplicate } from '../../db/chronology-duplicate-flags.js';
import { detectDuplicates } from '../../db/chronology-duplicates.js';
import { searchChronology } from '../../db/chronology-search.js';
import {
  assignEntries,
  createEpisode,
  deleteEpisode,
  listEpisodes,
  updateEpisode,
} from '../../db/key-practice-episodes.js';
import type { chronologyAnalysisChannels } from '../../shared/api/channels/chronology-analysis.js';
import { exportChronologyForChannel } from '../services/chronology-export.js';
import type { AppContext, HandlersFor } from './types.js';

export function chronologyAnalysisHandlers({ session }: AppContext): HandlersFor<typeof chronologyAnalysisChannels> {
  return {
    'chronology.duplicates': ({ reviewId, statuses }) => listDuplicates(session.current().database, reviewId, statuses),
    'chronology.resolveDuplicate': ({ flagId, decision }) => resolveDuplicate(session.current(), flagId, decision),
    'chronology.detectDuplicates': ({ reviewId }) => ({ flagged: detectDuplicates(session.current(), reviewId) }),
    'chronology.search': (input) => searchChronology(session.current().database, input),
    'episodes.create': (input) => createEpisode(session.current(), input),
    'episodes.list': ({ reviewId }) => listEpisodes(session.current().database, reviewId),
    'episodes.update': (input) => updateEpisode(session.current(), input),
    'episodes.delete': ({ id }) => {
      deleteEpisode(session.current(), id);
      return { deleted: true as const };
    },
    'episodes.assignEntries': (input) => assignEntries(session.current(), input),
    'chronology.export': (input) => exportChronologyForChannel(session.current(), input),
  };
}
