import { addPerson, listPeople, removePerson, suggestPseudonymFor, updatePerson } from '../../db/people.js';
import { createReview, getReview, listReviews, recordStatus, setArchived, updateReview } from '../../db/reviews.js';
import type { reviewsChannels } from '../../shared/api/channels/reviews.js';
import { checkCriteria } from '../../shared/reviews/index.js';
import type { AppContext, HandlersFor } from './types.js';

export function reviewsHandlers({ session }: AppContext): HandlersFor<typeof reviewsChannels> {
  return {
    'reviews.create': (input) => createReview(session.current(), input),
    'reviews.update': (input) => updateReview(session.current(), input),
    'reviews.get': ({ id }) => getReview(session.current().database, id),
    'reviews.list': ({ archived }) => listReviews(session.current().database, archived),
    'reviews.archive': ({ id }) => setArchived(session.current(), id, true),
    'reviews.restore': ({ id }) => setArchived(session.current(), id, false),
    'reviews.recordStatus': (input) => recordStatus(session.current(), input),
    'reviews.criteriaCheck': ({ framework, ...answers }) => checkCriteria(framework, answers),
    'people.add': (input) => addPerson(session.current(), input),
    'people.update': (input) => updatePerson(session.current(), input),
    'people.remove': ({ id }) => {
      removePerson(session.current(), id);
      return { removed: true as const };
    },
    'people.list': ({ reviewId }) => listPeople(session.current().database, reviewId),
    'people.suggestPseudonym': ({ reviewId, role, relationship }) => ({
      pseudonym: suggestPseudonymFor(session.current().database, reviewId, role, relationship),
    }),
  };
}
