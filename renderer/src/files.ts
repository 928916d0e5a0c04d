/**
 * Files in and out of the renderer, as base64 (the contract's form for file
 * bytes): a chosen file for an import, an export saved as a download.
 *
 * Agencies' workbooks can be 20 MB: the bytes are base64-encoded a slice at a
 * time (a multiple of three bytes, so the pieces join without padding in the
 * middle), never as one huge argument list to `String.fromCharCode`, which
 * overflows the call stack.
 */

const SLICE_BYTES = 3 * 16_384;

function base64FromBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    const slice = bytes.subarray(start, start + SLICE_BYTES);
    let binary = '';
    for (let index = 0; index < slice.length; index += 4_096) {
      binary += String.fromCharCode(...slice.subarray(index, index + 4_096));
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}

export async function readFileAsBase64(file: File): Promise<string> {
  return base64FromBytes(new Uint8Array(await file.arrayBuffer()));
}

/** Saves a file the main process produced (an export) through the browser's download, from memory. */
export function downloadBase64(file: { fileName: string; contentBase64: string; mimeType: string }): void {
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has its bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
