import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CasebookError, WRONG_PASSPHRASE_MESSAGE } from '../shared/api/errors.js';

/**
 * The vault's data key is 32 random bytes that open the SQLCipher database as a raw
 * key. It never changes: the passphrase and the recovery key each *wrap* it
 * (AES-256-GCM under a key derived from them), and the wrapped copies live in a
 * small JSON file beside the vault (`<vault>.keys`). Changing the passphrase rewrites
 * only that file, never the database, and the recovery key keeps working.
 *
 * The file holds no personal data: salts, KDF costs and ciphertext only.
 */

export const DATA_KEY_BYTES = 32;

/** scrypt cost: N = 2^18, r = 8 (256 MiB, about 0.5 s on a 2-core laptop). Stored per file, so it can be raised later. */
export const DEFAULT_SCRYPT = { N: 2 ** 18, r: 8, p: 1 } as const;

const wrappedKeySchema = z.object({
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});

const envelopeSchema = z.object({
  format: z.literal('casebook-vault-keys'),
  version: z.literal(1),
  passphrase: wrappedKeySchema.extend({
    kdf: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
  }),
  recovery: wrappedKeySchema.extend({
    // The recovery key has 160 bits of entropy, so a fast KDF is enough.
    kdf: z.literal('hkdf-sha256'),
    salt: z.string(),
  }),
});

export type KeyEnvelope = z.infer<typeof envelopeSchema>;
type WrappedKey = z.infer<typeof wrappedKeySchema>;

export function keyFilePath(vaultPath: string): string {
  return `${vaultPath}.keys`;
}

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      secret.normalize('NFKC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function recoveryKek(recoveryKey: Uint8Array, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, 'casebook vault recovery key', 32));
}

function wrap(kek: Buffer, dataKey: Buffer, purpose: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`casebook-vault-keys/1/${purpose}`));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Null when the key-encryption key is wrong: GCM's tag does not verify. */
function unwrap(kek: Buffer, wrapped: WrappedKey, purpose: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(`casebook-vault-keys/1/${purpose}`));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

export async function wrapWithPassphrase(
  dataKey: Buffer,
  passphrase: string,
  params: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
): Promise<KeyEnvelope['passphrase']> {
  const salt = randomBytes(16);
  const kek = await scrypt(passphrase, salt, params);
  return { kdf: 'scrypt', ...params, salt: salt.toString('base64'), ...wrap(kek, dataKey, 'passphrase') };
}

export function wrapWithRecoveryKey(dataKey: Buffer, recoveryKey: Uint8Array): KeyEnvelope['recovery'] {
  const salt = randomBytes(16);
  return {
    kdf: 'hkdf-sha256',
    salt: salt.toString('base64'),
    ...wrap(recoveryKek(recoveryKey, salt), dataKey, 'recovery'),
  };
}

export async function unwrapWithPassphrase(envelope: KeyEnvelope, passphrase: string): Promise<Buffer | null> {
  const { N, r, p, salt } = envelope.passphrase;
  const kek = await scrypt(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  return unwrap(kek, envelope.passphrase, 'passphrase');
}

export function unwrapWithRecoveryKey(envelope: KeyEnvelope, recoveryKey: Uint8Array): Buffer | null {
  const kek = recoveryKek(recoveryKey, Buffer.from(envelope.recovery.salt, 'base64'));
  return unwrap(kek, envelope.recovery, 'recovery');
}

export function readKeyEnvelope(vaultPath: string): KeyEnvelope {
  let text: string;
  try {
    text = readFileSync(keyFilePath(vaultPath), 'utf8');
  } catch {
    throw new CasebookError(
      'wrong_passphrase',
      `${WRONG_PASSPHRASE_MESSAGE} (its key file ${keyFilePath(vaultPath)} is missing)`,
    );
  }
  try {
    return envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new CasebookError('wrong_passphrase', `${WRONG_PASSPHRASE_MESSAGE} (its key file is damaged)`);
  }
}

/**
 * Write-then-rename with fsyncs, so a crash leaves either the old key file or the
 * new one, never half of one: both open the same database.
 */
export function writeKeyEnvelope(vaultPath: string, envelope: KeyEnvelope): void {
  const target = keyFilePath(vaultPath);
  const temporary = `${target}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(envelope, null, 2)}\n`, { mode: 0o600 });
  const file = openSync(temporary, 'r+');
  try {
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  renameSync(temporary, target);
  syncDirectory(dirname(target));
}

export function syncDirectory(directory: string): void {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = openSync(directory, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}
