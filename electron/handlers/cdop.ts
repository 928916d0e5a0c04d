import type { cdopChannels } from '../../shared/api/channels/cdop.js';
import type { AppContext, HandlersFor } from './types.js';

export function cdopHandlers(_context: AppContext): HandlersFor<typeof cdopChannels> {
  return {};
}
