/**
 * Every failure that crosses the API boundary carries one of these codes, so each
 * shell (IPC, HTTP, CLI) can show the same plain message and tests can assert on it.
 */
export const ERROR_CODES = [
  'invalid_payload',
  'unknown_channel',
  'locked',
  'wrong_passphrase',
  'weak_passphrase',
  'vault_not_found',
  'vault_exists',
  'vault_too_new',
  /** The vault file is empty, cut short, or has pages that do not decrypt: restore a backup. */
  'vault_damaged',
  /** The path is a folder, or a file with no Casebook key file beside it. */
  'not_a_vault',
  /** Another Casebook window or command is writing to the vault; waited, then gave up. */
  'busy',
  /** The vault's file, folder or disk refuses writes (read-only, permissions, full). */
  'cannot_write',
  /** The disk failed to read or write the vault (removed, failing). */
  'disk_error',
  /** The computer ran out of memory (the passphrase check alone needs about 300 MB), or a key file asks for absurdly much. */
  'out_of_memory',
  'not_found',
  'conflict',
  /** An imported file that is not a spreadsheet Casebook reads, or is damaged or password-protected. */
  'unreadable_file',
  /** An imported file beyond Casebook's import limits (shared/import/limits.ts): too big, too many rows, a zip bomb. */
  'too_large',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ApiIssue[];
}

/** Thrown by services and the vault; turned into an `ApiErrorBody` at the boundary. */
export class CasebookError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'CasebookError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** What every transport returns: a value, or a structured error. Never a thrown exception. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/*
 * The messages for the vault's own failures, made here once so the app, the web
 * host and the CLI say the same thing. Each says what happened and what to do.
 */

/** The key file is a Casebook key file, but the secret does not unwrap it. */
export const WRONG_PASSPHRASE_MESSAGE = 'wrong passphrase or recovery key';

export const BUSY_MESSAGE = 'the vault is in use by another Casebook window or command; try again when it has finished';

export const OUT_OF_MEMORY_MESSAGE =
  "not enough free memory to check the passphrase (it needs about 300 MB); close other programs and try again. If it keeps happening, the vault's .keys file may be damaged: restore it from a backup";

export function vaultDamagedMessage(found: string): string {
  return `the vault is damaged: ${found}. Restore the vault and its .keys file from a backup`;
}

export function notAVaultMessage(path: string, why: string): string {
  return `${path} is not a Casebook vault: ${why}`;
}

export function cannotWriteMessage(target: string, why: string): string {
  return `Casebook cannot write to ${target}: ${why}`;
}

export function diskErrorMessage(target: string, code: string): string {
  return `the disk reported an error reading or writing ${target} (${code}); check that it is still connected`;
}
