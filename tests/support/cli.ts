import { join } from 'node:path';
import { Vault } from '../../db/vault.js';
import { FAST_SCRYPT, PASSPHRASE } from './temp.js';

/** A new vault at `directory/fileName`, closed, made with the cheap KDF so each CLI command unlocks it quickly. */
export async function closedVault(directory: string, fileName = 'case.vault'): Promise<string> {
  const path = join(directory, fileName);
  (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
  return path;
}
