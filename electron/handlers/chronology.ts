import type { chronologyChannels } from '../../shared/api/channels/chronology.js';
import type { AppContext, HandlersFor } from './types.js';

export function chronologyHandlers(_context: AppContext): HandlersFor<typeof chronologyChannels> {
  return {};
}
