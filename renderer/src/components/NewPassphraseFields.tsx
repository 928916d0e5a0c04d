import { useId } from 'react';
import type { PassphraseAssessment } from '../../../shared/passphrase.js';
import { PasswordField } from './PasswordField.js';
import { StrengthMeter } from './StrengthMeter.js';

/** A new passphrase with its strength meter, then the same typed again: creating a vault and changing its passphrase. */
export function NewPassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  assessment,
  confirmLabel,
  autoFocus = false,
}: {
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  assessment: PassphraseAssessment | null;
  confirmLabel: string;
  autoFocus?: boolean;
}) {
  const strengthId = useId();
  return (
    <>
      <PasswordField
        label="New passphrase"
        value={passphrase}
        onChange={onPassphrase}
        autoComplete="new-password"
        describedBy={strengthId}
        autoFocus={autoFocus}
        required
      />
      <StrengthMeter id={strengthId} passphrase={passphrase} assessment={assessment} />
      <PasswordField
        label={confirmLabel}
        value={confirm}
        onChange={onConfirm}
        autoComplete="new-password"
        invalid={confirm.length > 0 && confirm !== passphrase}
        required
      />
    </>
  );
}
