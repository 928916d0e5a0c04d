import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { NewPassphraseFields } from '../components/NewPassphraseFields.js';
import { PageHeading } from '../components/PageHeading.js';
import { useNewPassphrase } from '../components/passphrase.js';
import { createVault } from '../state/session.js';

export function CreateVault() {
  const chosen = useNewPassphrase();
  const { problem } = chosen;
  const [reviewerName, setReviewerName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const nameProblem = reviewerName.trim() === '' ? 'Enter your name: the audit log records it with each change.' : null;
  const shownProblem = nameProblem ?? problem;
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (shownProblem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await createVault(chosen.passphrase, reviewerName.trim());
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <PageHeading title="Create your vault" focus={false}>
        Create your Casebook vault
      </PageHeading>
      <p>
        Casebook keeps your reviews in an encrypted vault on this computer. Choose a passphrase only you know: three or
        four unrelated words are easier to remember and harder to guess than a short password.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <p className="hint" id={`${nameId}-hint`}>
            As colleagues know you: the audit log records it as the person who made each change. You can change it in
            Settings.
          </p>
          <input
            id={nameId}
            type="text"
            autoComplete="name"
            maxLength={200}
            aria-describedby={`${nameId}-hint`}
            value={reviewerName}
            onChange={(event) => setReviewerName(event.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the first field of the first screen
            autoFocus
          />
        </div>
        <NewPassphraseFields value={chosen} confirmLabel="Confirm passphrase" />
        <p className="why-disabled" id="create-problem">
          {shownProblem}
        </p>
        <ErrorAlert message={error} />
        <button
          type="submit"
          className="primary"
          disabled={shownProblem !== null || busy}
          aria-describedby="create-problem"
        >
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
    </AuthLayout>
  );
}
