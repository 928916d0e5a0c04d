import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CasebookError, vaultDamagedMessage } from '../shared/api/errors.js';
import { syncDirectory, writePrivateFile } from './private-file.js';

/**
 * The vault's data key is 32 random bytes that open the SQLCipher database as a raw
 * key. The passphrase and the recovery key each *wrap* it (AES-256-GCM under a key
 * derived from them), and the wrapped copies live in a small JSON file beside the
 * vault (`<vault>.keys`). Changing the passphrase or the recovery key rewrites only
 * that file; re-keying (`Vault.rekey`) makes a new data key and re-encrypts the
 * database, so older copies of the file stop opening it.
 *
 * The file holds no personal data: salts, KDF costs and ciphertext only. But any
 * copy of it opens the vault with the passphrase it was written for, until the
 * vault is re-keyed: backups of it are as sensitive as the passphrase.
 *
 * Key material lives in Buffers this module and the Vault own, and is wiped
 * (`fill(0)`) as soon as it is no longer needed; JavaScript strings cannot be wiped.
 */

export const DATA_KEY_BYTES = 32;

/** scrypt cost: N = 2^18, r = 8 (256 MiB, about 0.5 s on a 2-core laptop). Stored per file, so it can be raised later. */
export const DEFAULT_SCRYPT = { N: 2 ** 18, r: 8, p: 1 } as const;

/**
 * The costs a key file may ask for. The file is read before anything is proven, so
 * a damaged or planted one must not make us allocate or spin without limit
 * (N = 2^30 ended in a malloc failure). 128 * N * r bytes is scrypt's memory.
 */
export const SCRYPT_LIMITS = { minLog2N: 14, maxLog2N: 20, maxR: 16, maxP: 4, maxMemory: 2 ** 30 } as const;

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
  /**
   * Set by a re-key: the SQLCipher salt (the database file's first 16 bytes, in the
   * clear) the database carries under this data key. It lets a key file waiting to
   * be committed be matched to the database without any secret (see settlePendingKeyFile).
   */
  databaseSalt: z.string().optional(),
});

export type KeyEnvelope = z.infer<typeof envelopeSchema>;
type WrappedKey = z.infer<typeof wrappedKeySchema>;

export function keyFilePath(vaultPath: string): string {
  return `${vaultPath}.keys`;
}

function scryptCostProblem({ N, r, p }: { N: number; r: number; p: number }): string | null {
  const { minLog2N, maxLog2N, maxR, maxP, maxMemory } = SCRYPT_LIMITS;
  const log2N = Math.log2(N);
  if (!Number.isInteger(log2N) || log2N < minLog2N || log2N > maxLog2N)
    return `N must be a power of two from 2^${minLog2N} to 2^${maxLog2N}`;
  if (r > maxR) return `r must be at most ${maxR}`;
  if (p > maxP) return `p must be at most ${maxP}`;
  if (128 * N * r > maxMemory) return `128 * N * r must be at most ${maxMemory / 2 ** 20} MiB`;
  return null;
}

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const secretBytes = Buffer.from(secret.normalize('NFKC'), 'utf8');
  return new Promise<Buffer>((resolve, reject) => {
    scryptCallback(
      secretBytes,
      salt,
      32,
      { ...params, maxmem: 128 * params.N * params.r + 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  }).finally(() => secretBytes.fill(0));
}

function recoveryKek(recoveryKey: Uint8Array, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, 'casebook vault recovery key', 32));
}

/** Wraps `dataKey` under `kek`, then wipes `kek`. */
function wrap(kek: Buffer, dataKey: Buffer, purpose: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  kek.fill(0);
  cipher.setAAD(Buffer.from(`casebook-vault-keys/1/${purpose}`));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/**
 * The data key in a Buffer the caller owns and must wipe; null when the
 * key-encryption key is wrong (GCM's tag does not verify). Wipes `kek` and the
 * decipher's intermediate output.
 */
function unwrap(kek: Buffer, wrapped: WrappedKey, purpose: string): Buffer | null {
  let plain: Buffer | null = null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(`casebook-vault-keys/1/${purpose}`));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    plain = decipher.update(Buffer.from(wrapped.ciphertext, 'base64'));
    decipher.final();
    if (plain.length !== DATA_KEY_BYTES) return null;
    const key = secretBuffer(DATA_KEY_BYTES);
    plain.copy(key);
    return key;
  } catch {
    return null;
  } finally {
    plain?.fill(0);
    kek.fill(0);
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

/** The data key in a Buffer the caller must wipe, or null for a wrong passphrase. */
export async function unwrapWithPassphrase(envelope: KeyEnvelope, passphrase: string): Promise<Buffer | null> {
  const { N, r, p, salt } = envelope.passphrase;
  const kek = await scrypt(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  return unwrap(kek, envelope.passphrase, 'passphrase');
}

/** The data key in a Buffer the caller must wipe, or null for a wrong recovery key. */
export function unwrapWithRecoveryKey(envelope: KeyEnvelope, recoveryKey: Uint8Array): Buffer | null {
  const kek = recoveryKek(recoveryKey, Buffer.from(envelope.recovery.salt, 'base64'));
  return unwrap(kek, envelope.recovery, 'recovery');
}

/**
 * A zeroed Buffer for key material, backed by an ArrayBuffer of its own: never a
 * slice of Node's shared pool, and never one of V8's small on-heap arrays, which
 * V8 copies elsewhere (leaving the bytes behind) the first time native code reads
 * them. So `fill(0)` wipes the only copy.
 */
export function secretBuffer(length: number): Buffer {
  return Buffer.from(new ArrayBuffer(length));
}

/**
 * The key as SQLite3MultipleCiphers takes it through `database.key()` /
 * `database.rekey()`: `raw:` then the 32 key bytes (then, for a re-key, the 16
 * salt bytes the database is to carry), so no key derivation runs and the key
 * never becomes a hex string that cannot be wiped. The caller wipes the result.
 */
export function sqlcipherRawKey(dataKey: Buffer, salt?: Buffer): Buffer {
  const prefix = Buffer.from('raw:');
  const raw = secretBuffer(prefix.length + dataKey.length + (salt?.length ?? 0));
  prefix.copy(raw);
  dataKey.copy(raw, prefix.length);
  salt?.copy(raw, prefix.length + dataKey.length);
  return raw;
}

function damaged(detail: string): CasebookError {
  return new CasebookError('vault_damaged', vaultDamagedMessage(`its key file ${detail}`));
}

function parseKeyFile(path: string): KeyEnvelope {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw damaged(`${path} is missing`);
  }
  let envelope: KeyEnvelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw damaged('is damaged');
  }
  const { N, r, p } = envelope.passphrase;
  const problem = scryptCostProblem({ N, r, p });
  if (problem) {
    throw damaged(
      `asks for scrypt costs N=${N}, r=${r}, p=${p}, beyond what Casebook allows (${problem}): it is damaged or was not written by Casebook`,
    );
  }
  return envelope;
}

export function readKeyEnvelope(vaultPath: string): KeyEnvelope {
  settlePendingKeyFile(vaultPath);
  return parseKeyFile(keyFilePath(vaultPath));
}

/** Replaces the key file whole (see writePrivateFile): a crash leaves the old file or the new one. */
export function writeKeyEnvelope(vaultPath: string, envelope: KeyEnvelope): void {
  writePrivateFile(keyFilePath(vaultPath), `${JSON.stringify(envelope, null, 2)}\n`);
}

/**
 * A re-key's new key file, written before the database is re-encrypted and
 * committed (renamed over `<vault>.keys`) after; see Vault.rekey for the order.
 */
export function pendingKeyFilePath(vaultPath: string): string {
  return `${keyFilePath(vaultPath)}.next`;
}

export function writePendingKeyEnvelope(vaultPath: string, envelope: KeyEnvelope & { databaseSalt: string }): void {
  writePrivateFile(pendingKeyFilePath(vaultPath), `${JSON.stringify(envelope, null, 2)}\n`);
}

export function commitPendingKeyEnvelope(vaultPath: string): void {
  renameSync(pendingKeyFilePath(vaultPath), keyFilePath(vaultPath));
  syncDirectory(dirname(vaultPath));
}

/**
 * After a crash during a re-key, decides which key file opens the database, with
 * no secret needed, and leaves exactly that one as `<vault>.keys`:
 *
 * - a hot rollback journal (`<vault>-journal`, not empty) means the re-encryption
 *   never committed: SQLite rolls it back on the next open, under the old key;
 * - otherwise the database's salt (its first 16 bytes, stored in the clear) is the
 *   new one exactly when the re-encryption committed.
 *
 * So the pending file is either committed or deleted, never left to be guessed at.
 */
export function settlePendingKeyFile(vaultPath: string): void {
  const pending = pendingKeyFilePath(vaultPath);
  if (!existsSync(pending)) return;
  // Written whole before the re-encryption began, so it always parses; anything
  // unexpected here stops the unlock rather than delete a key file that may be the only one.
  const { databaseSalt } = parseKeyFile(pending);
  const journal = `${vaultPath}-journal`;
  const hotJournal = existsSync(journal) && statSync(journal).size > 0;
  const committed =
    databaseSalt !== undefined &&
    !hotJournal &&
    databaseFileSalt(vaultPath).equals(Buffer.from(databaseSalt, 'base64'));
  if (committed) commitPendingKeyEnvelope(vaultPath);
  else {
    rmSync(pending);
    syncDirectory(dirname(vaultPath));
  }
}

/** The SQLCipher salt: the first 16 bytes of the database file, never encrypted. */
export function databaseFileSalt(vaultPath: string): Buffer {
  const salt = Buffer.alloc(16);
  const file = openSync(vaultPath, 'r');
  try {
    readSync(file, salt, 0, salt.length, 0);
  } finally {
    closeSync(file);
  }
  return salt;
}
