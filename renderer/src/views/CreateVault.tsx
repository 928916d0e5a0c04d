import { type FormEvent, useState } from 'react';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await createVault(chosen.passphrase);
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
        <NewPassphraseFields value={chosen} confirmLabel="Confirm passphrase" autoFocus />
        <p className="why-disabled" id="create-problem">
          {problem}
        </p>
        <ErrorAlert message={error} />
        <button type="submit" className="primary" disabled={problem !== null || busy} aria-describedby="create-problem">
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
    </AuthLayout>
  );
}
