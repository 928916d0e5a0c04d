import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { ChronologyImportPreview, ImportCommitResult } from '../../shared/api/contract.js';
import { ok } from './api.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from './temp.js';

/**
 * Casebook apps, each on a new vault (PASSPHRASE, fast scrypt) in a fresh
 * temporary folder, created and unlocked; each is locked after its test,
 * whether or not the test locked it already.
 */
export function newVaultAppFactory(): (fileName?: string) => Promise<CasebookApp> {
  const tempDirectory = tempDirectoryFactory();
  const opened: CasebookApp[] = [];
  afterEach(() => {
    for (const app of opened.splice(0)) app.close();
  });
  return async (fileName = 'case.vault') => {
    const app = createCasebookApp(join(tempDirectory(), fileName), { scrypt: FAST_SCRYPT });
    opened.push(app);
    await ok(app.invoke('vault.create', { passphrase: PASSPHRASE }));
    return app;
  };
}

/** One agency's chronology, as CSV text, imported through the app's preview and commit. */
export async function importCsv(
  app: CasebookApp,
  reviewId: string,
  agency: string,
  text: string,
): Promise<ImportCommitResult> {
  const preview = await ok<ChronologyImportPreview>(
    app.invoke('chronology.previewImport', {
      reviewId,
      agency,
      fileName: `${agency}.csv`,
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
    }),
  );
  return ok<ImportCommitResult>(app.invoke('chronology.commitImport', { previewId: preview.previewId }));
}
