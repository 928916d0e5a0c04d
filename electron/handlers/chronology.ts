import {
  createEntry,
  getEntry,
  listEntries,
  listImports,
  renumber,
  timelineData,
  updateEntry,
} from '../../db/chronology.js';
import { deleteEntry, listDeleted, removeImport, restoreEntry } from '../../db/chronology-deleted.js';
import { type chronologyChannels, chronologyImportChannels } from '../../shared/api/channels/chronology.js';
import { chronologyImportBinding } from '../services/import/chronology.js';
import { importHandlers } from './import.js';
import type { AppContext, HandlersFor } from './types.js';

export function chronologyHandlers(context: AppContext): HandlersFor<typeof chronologyChannels> {
  const { session } = context;
  return {
    ...importHandlers('chronology', chronologyImportChannels, chronologyImportBinding, context),
    'chronology.imports': ({ reviewId }) => listImports(session.current().database, reviewId),
    'chronology.list': (input) => listEntries(session.current().database, input),
    'chronology.get': ({ id }) => getEntry(session.current().database, id),
    'chronology.create': (input) => createEntry(session.current(), input),
    'chronology.update': (input) => updateEntry(session.current(), input),
    'chronology.delete': ({ id }) => deleteEntry(session.current(), id),
    'chronology.restore': ({ id }) => restoreEntry(session.current(), id),
    'chronology.deleted': ({ reviewId }) => listDeleted(session.current().database, reviewId),
    'chronology.removeImport': ({ importId }) => removeImport(session.current(), importId),
    'chronology.renumber': ({ reviewId }) => ({ renumbered: renumber(session.current(), reviewId).renumbered }),
    'chronology.timeline': ({ reviewId }) => timelineData(session.current().database, reviewId),
  };
}
