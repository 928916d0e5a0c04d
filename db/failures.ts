import {
  BUSY_MESSAGE,
  CasebookError,
  cannotWriteMessage,
  diskErrorMessage,
  OUT_OF_MEMORY_MESSAGE,
  vaultDamagedMessage,
} from '../shared/api/errors.js';

/**
 * What a failure from SQLite, the file system or the crypto library means to the
 * reviewer, as a CasebookError every shell shows the same way; null for anything
 * else (a bug: the shells log it and answer `internal`). Raw messages such as
 * "database is locked" or "EEXIST: mkdir" never reach the reviewer.
 */
export function explainFailure(error: unknown): CasebookError | null {
  if (error instanceof CasebookError) return error;
  if (!(error instanceof Error)) return null;
  const { code, path } = error as NodeJS.ErrnoException;
  // SQLite's errors are about the vault; a file-system error names its own file (an export's, say).
  const target = path ?? 'the vault';
  switch (true) {
    case code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED'):
      return new CasebookError('busy', BUSY_MESSAGE);
    case code?.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB':
      return new CasebookError(
        'vault_damaged',
        vaultDamagedMessage(`a page does not decrypt or does not fit (${code})`),
      );
    case code?.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM':
      return new CasebookError(
        'cannot_write',
        cannotWriteMessage(target, 'the file, its folder or its disk is read-only, or not yours to change'),
      );
    case code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT':
      return new CasebookError('cannot_write', cannotWriteMessage(target, 'the disk is full'));
    case code === 'EEXIST' || code === 'ENOTDIR':
      return new CasebookError('cannot_write', cannotWriteMessage(target, 'a file is in the way of a folder it needs'));
    case code?.startsWith('SQLITE_IOERR') || code?.startsWith('SQLITE_CANTOPEN') || code === 'EIO':
      return new CasebookError('disk_error', diskErrorMessage(target, code ?? 'EIO'));
    case code === 'SQLITE_NOMEM' || /malloc failure|out of memory/i.test(error.message):
      return new CasebookError('out_of_memory', OUT_OF_MEMORY_MESSAGE);
    default:
      return null;
  }
}
