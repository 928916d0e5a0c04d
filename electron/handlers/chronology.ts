import type { chronologyChannels } from '../../shared/api/channels/chronology.js';
import { CasebookError } from '../../shared/api/errors.js';
import type { AppContext, HandlersFor } from './types.js';

const notYet = (): never => {
  throw new CasebookError('internal', 'The chronology is not built yet.');
};

/** Placeholder while the chronology backend lands: the contract is fixed first so the screens can be built. */
export function chronologyHandlers(_context: AppContext): HandlersFor<typeof chronologyChannels> {
  return {
    'chronology.previewImport': notYet,
    'chronology.updatePreview': notYet,
    'chronology.discardPreview': notYet,
    'chronology.commitImport': notYet,
    'chronology.savedMapping': notYet,
    'chronology.imports': notYet,
    'chronology.list': notYet,
    'chronology.get': notYet,
    'chronology.create': notYet,
    'chronology.update': notYet,
    'chronology.delete': notYet,
    'chronology.timeline': notYet,
  };
}
