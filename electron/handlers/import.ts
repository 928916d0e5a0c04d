import type { z } from 'zod';
import type { Channel } from '../../shared/api/channel.js';
import type { ImportMode } from '../../shared/api/channels/import.js';
import type { MappingChoice, OverlapChoice } from '../../shared/import/kind.js';
import type { ImportBinding } from '../services/import/engine.js';
import type { AppContext, HandlersFor } from './types.js';

/** What the app's re-import refusal tells the reviewer to do (the CLI names its flag instead). */
export const APP_CONFIRM_REIMPORT = 'Tick “Import this file again anyway” to import it.';

/** What the app says when a corrected file's rows are already there and no choice was made. */
export const APP_CHOOSE_OVERLAP = 'Choose “Import only the new rows” or “Replace the earlier import”.';

type MappingInput = MappingChoice<string> | undefined;

/**
 * The handlers of one kind's import channels (made by `importChannels` in
 * shared/api/channels/import.ts), the same for every kind. A commit has the vault
 * to itself while it runs (`VaultSession.exclusive`); progress streams between
 * its steps as `import.progress`.
 */
export function importHandlers<Channels extends Record<string, Channel<z.ZodType, unknown>>, Target>(
  prefix: string,
  _channels: Channels,
  // biome-ignore lint/suspicious/noExplicitAny: the binding's field, row and draft types are the channels' own.
  binding: ImportBinding<any, any, any, Target, any>,
  { session, events, imports }: AppContext,
): HandlersFor<Channels> {
  const database = () => session.current().database;
  const handlers = {
    previewImport: ({
      fileName,
      contentBase64,
      sheet,
      mapping,
      ...target
    }: { fileName: string; contentBase64: string; sheet?: string; mapping?: MappingInput } & Record<string, unknown>) =>
      imports.preview(binding, database(), {
        target: target as Target,
        fileName,
        bytes: Buffer.from(contentBase64, 'base64'),
        sheet,
        mapping,
      }),
    updatePreview: (input: { previewId: string; sheet?: string; mapping?: MappingInput }) =>
      imports.update(binding, database(), input),
    commitImport: (input: {
      previewId: string;
      mapping?: MappingInput;
      mode: ImportMode;
      confirmReimport: boolean;
      overlap?: OverlapChoice;
    }) =>
      session.exclusive((vault) =>
        imports.commit(binding, vault, input, {
          howToConfirmReimport: APP_CONFIRM_REIMPORT,
          howToChooseOverlap: APP_CHOOSE_OVERLAP,
          onProgress: (done, total) => events.emit('import.progress', { previewId: input.previewId, done, total }),
        }),
      ),
    discardPreview: ({ previewId }: { previewId: string }) => ({ discarded: imports.discard(previewId) }),
    savedMapping: (target: Target) => ({ mapping: binding.savedMapping(database(), target) }),
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [`${prefix}.${name}`, handler]),
  ) as unknown as HandlersFor<Channels>;
}
