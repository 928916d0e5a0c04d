import {
  createEntry,
  deleteEntry,
  getEntry,
  listEntries,
  listImports,
  savedMapping,
  timelineData,
  updateEntry,
} from '../../db/chronology.js';
import type { chronologyChannels } from '../../shared/api/channels/chronology.js';
import { CasebookError } from '../../shared/api/errors.js';
import { ChronologyImports } from '../services/chronology-import.js';
import type { AppContext, HandlersFor } from './types.js';

function decodeBase64(content: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
    throw new CasebookError('invalid_payload', 'The file content is not base64');
  }
  return Buffer.from(content, 'base64');
}

export function chronologyHandlers({ session, events }: AppContext): HandlersFor<typeof chronologyChannels> {
  const imports = new ChronologyImports();
  // A preview holds a whole agency file in memory: never past a lock.
  events.subscribe((event) => {
    if (event.name === 'vault.locked') imports.clear();
  });
  return {
    'chronology.previewImport': ({ contentBase64, ...input }) =>
      imports.preview(session.current().database, { ...input, bytes: decodeBase64(contentBase64) }),
    'chronology.updatePreview': (input) => imports.update(session.current().database, input),
    'chronology.discardPreview': ({ previewId }) => ({ discarded: imports.discard(previewId) }),
    // An import has the vault to itself while it runs; progress streams between its steps.
    'chronology.commitImport': (input) =>
      session.exclusive((vault) =>
        imports.commit(vault, input, (done, total) =>
          events.emit('chronology.importProgress', { previewId: input.previewId, done, total }),
        ),
      ),
    'chronology.savedMapping': ({ reviewId, agency }) => ({
      mapping: savedMapping(session.current().database, reviewId, agency),
    }),
    'chronology.imports': ({ reviewId }) => listImports(session.current().database, reviewId),
    'chronology.list': (input) => listEntries(session.current().database, input),
    'chronology.get': ({ id }) => getEntry(session.current().database, id),
    'chronology.create': (input) => createEntry(session.current(), input),
    'chronology.update': (input) => updateEntry(session.current(), input),
    'chronology.delete': ({ id }) => ({ deleted: deleteEntry(session.current(), id) }),
    'chronology.timeline': ({ reviewId }) => timelineData(session.current().database, reviewId),
  };
}
