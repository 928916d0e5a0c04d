import * as pathway from '../../db/cdop-pathway.js';
import type { cdopPathwayChannels } from '../../shared/api/channels/cdop-pathway.js';
import type { AppContext, HandlersFor } from './types.js';

export function cdopPathwayHandlers({ session }: AppContext): HandlersFor<typeof cdopPathwayChannels> {
  const vault = () => session.current();
  const database = () => session.current().database;
  return {
    'cdop.pathway.get': ({ caseId }) => pathway.getPathway(database(), caseId),
    'cdop.agencyForm.update': (input) => pathway.updateAgencyForm(vault(), input),
    'cdop.agencyForm.chase': (input) => pathway.chaseAgencyForm(vault(), input),
    'cdop.agencyForm.removeChase': ({ id }) => pathway.removeChase(vault(), id),
    'cdop.jointAgencyResponse.set': (input) => pathway.setJointAgencyResponse(vault(), input),
    'cdop.jointAgencyResponse.remove': ({ caseId }) => pathway.removeJointAgencyResponse(vault(), caseId),
    'cdop.reviewMeeting.set': (input) => pathway.setReviewMeeting(vault(), input),
    'cdop.reviewMeeting.remove': ({ caseId }) => pathway.removeReviewMeeting(vault(), caseId),
    'cdop.workList': () => pathway.workList(database()),
  };
}
