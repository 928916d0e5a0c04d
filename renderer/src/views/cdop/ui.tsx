/** Dates and files as the CDOP and statistics screens show and save them. */

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

// Only the CDOP import screen still takes the field from here; everything else imports components/Field.
export { Field } from '../../components/Field.js';

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
