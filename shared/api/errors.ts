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

export const WRONG_PASSPHRASE_MESSAGE = 'wrong passphrase or not a Casebook vault';
