import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
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
