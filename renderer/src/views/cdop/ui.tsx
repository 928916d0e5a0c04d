import { useCallback, useEffect, useState } from 'react';
import type { CdopCaseDetail } from '../../../../shared/api/contract.js';
import type { ApiIssue } from '../../../../shared/api/errors.js';
import { CasebookError } from '../../../../shared/api/errors.js';
import { errorMessage } from '../../api/client.js';

/** Small pieces the CDOP and statistics screens share. */

export const yesNo = (value: boolean | null): string => (value === null ? 'Not recorded' : value ? 'Yes' : 'No');

// The one labelled-field component, shared with the other forms.
export { Field, type FieldIds } from '../../components/Field.js';

/** Field path -> message, from a refused call's issues (`dateOfDeath: ...`). */
export function issuesByField(error: unknown): Record<string, string> {
  const issues: ApiIssue[] = error instanceof CasebookError ? (error.issues ?? []) : [];
  const out: Record<string, string> = {};
  for (const issue of issues) if (!out[issue.path]) out[issue.path] = issue.message;
  return out;
}

/** Loads once per `key` change; `reload` asks again. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    let live = true;
    setError(null);
    load()
      .then((loaded) => live && setValue(loaded))
      .catch((caught: unknown) => live && setError(caught));
    return () => {
      live = false;
    };
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { value, setValue, error, reload };
}

/** Runs a change to a case and shows the case as the main process returns it, or why it was refused. */
export type Change = (action: () => Promise<CdopCaseDetail>, done: string) => Promise<boolean>;

export function useCaseChange(setValue: (detail: CdopCaseDetail) => void) {
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const change: Change = async (action, done) => {
    setActionError(null);
    setStatus(null);
    try {
      setValue(await action());
      setStatus(done);
      return true;
    } catch (caught) {
      setActionError(errorMessage(caught));
      return false;
    }
  };
  return { change, actionError, status };
}
