import { useCallback, useEffect, useState } from 'react';
import type { CdopCaseDetail } from '../../../../shared/api/contract.js';
import type { ApiIssue } from '../../../../shared/api/errors.js';
import { CasebookError } from '../../../../shared/api/errors.js';
import { errorMessage } from '../../api/client.js';

/** Small pieces the CDOP and statistics screens share. */

const ukDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An ISO calendar date (`2023-06-07`) as dd/mm/yyyy; it is a day, never an instant, so read as UTC. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : ukDateFormat.format(date);
}

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

/** Base64 of a file's bytes, in chunks so a large file does not overflow the call stack. */
export function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let at = 0; at < view.length; at += 0x8000) binary += String.fromCharCode(...view.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** Saves bytes the main process made as a download, through a short-lived object URL. */
export function downloadBase64(fileName: string, contentBase64: string, type: string): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
