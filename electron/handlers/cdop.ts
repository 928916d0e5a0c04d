import * as cases from '../../db/cdop-cases.js';
import { cdopStatistics, cdopTrend, latestStatisticsDate } from '../../db/cdop-statistics.js';
import { type cdopChannels, cdopImportChannels } from '../../shared/api/channels/cdop.js';
import { exportCdopAnnualReport } from '../services/cdop-annual-report.js';
import { exportCdopStatistics, exportForChannel } from '../services/cdop-statistics-export.js';
import { cdopImportBinding } from '../services/import/cdop.js';
import { importHandlers } from './import.js';
import type { AppContext, HandlersFor } from './types.js';

export function cdopHandlers(context: AppContext): HandlersFor<typeof cdopChannels> {
  const { session } = context;
  const vault = () => session.current();
  const database = () => session.current().database;

  return {
    'cdop.case.create': (input) => cases.createCase(vault(), input),
    'cdop.case.update': (input) => cases.updateCase(vault(), input),
    'cdop.case.get': ({ id }) => cases.getCase(database(), id),
    'cdop.case.list': (filter) => cases.listCases(database(), filter),
    'cdop.case.setStatus': (input) => cases.setStatus(vault(), input),
    'cdop.case.setCategory': (input) => cases.setCategory(vault(), input),
    'cdop.case.setOutcome': (input) => cases.setOutcome(vault(), input),
    'cdop.case.setFormVersion': (input) => cases.setFormVersion(vault(), input),
    'cdop.case.setPreventable': (input) => cases.setPreventable(vault(), input),
    'cdop.case.setReferral': (input) => cases.setReferral(vault(), input),
    'cdop.factor.add': (input) => cases.addFactor(vault(), input),
    'cdop.factor.update': (input) => cases.updateFactor(vault(), input),
    'cdop.factor.remove': ({ id }) => cases.removeFactor(vault(), id),
    'cdop.agencyReport.request': (input) => cases.requestAgencyReport(vault(), input),
    'cdop.agencyReport.update': (input) => cases.updateAgencyReport(vault(), input),
    'cdop.agencyReport.remove': ({ id }) => cases.removeAgencyReport(vault(), id),
    'cdop.panelMeeting.add': (input) => cases.addPanelMeeting(vault(), input),
    'cdop.panelMeeting.remove': (input) => cases.removePanelMeeting(vault(), input),
    'cdop.learningPoint.add': (input) => cases.addLearningPoint(vault(), input),
    'cdop.learningPoint.update': (input) => cases.updateLearningPoint(vault(), input),
    'cdop.learningPoint.remove': ({ id }) => cases.removeLearningPoint(vault(), id),
    'cdop.recommendation.add': (input) => cases.addRecommendation(vault(), input),
    'cdop.recommendation.update': (input) => cases.updateRecommendation(vault(), input),
    'cdop.recommendation.remove': ({ id }) => cases.removeRecommendation(vault(), id),
    'cdop.panelPack': ({ meetingDate }) => cases.panelPack(database(), meetingDate),
    'cdop.statistics': ({ from, to, basis }) => cdopStatistics(database(), from, to, basis),
    'cdop.statistics.trend': ({ from, to, basis }) => cdopTrend(database(), from, to, basis),
    'cdop.statistics.latest': ({ basis }) => ({ date: latestStatisticsDate(database(), basis) }),
    'cdop.statistics.export': (input) => exportForChannel((save) => exportCdopStatistics(vault(), input, save)),
    'cdop.statistics.report': (input) => exportForChannel((save) => exportCdopAnnualReport(vault(), input, save)),
    ...importHandlers('cdop', cdopImportChannels, cdopImportBinding, context),
  };
}
