/** An error region that is always in the page, so screen readers announce what appears in it. */
export function ErrorAlert({ message, id }: { message: string | null; id?: string }) {
  return (
    <div className="alert" role="alert" id={id}>
      {message ? sentence(message) : null}
    </div>
  );
}

/** A polite status region for confirmations ("Settings saved."). */
export function StatusMessage({
  message,
  id,
  tone = 'success',
}: {
  message: string | null;
  id?: string;
  tone?: 'success' | 'info';
}) {
  return (
    <div className={`status ${tone}`} role="status" id={id}>
      {message}
    </div>
  );
}

/** Server messages are lower-case phrases ("wrong passphrase or recovery key"): show them as sentences. */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
