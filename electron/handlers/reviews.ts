import type { reviewsChannels } from '../../shared/api/channels/reviews.js';
import type { AppContext, HandlersFor } from './types.js';

export function reviewsHandlers(_context: AppContext): HandlersFor<typeof reviewsChannels> {
  return {};
}
