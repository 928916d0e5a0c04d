import { useId } from 'react';
import { PasswordField } from './PasswordField.js';
import type { NewPassphrase } from './passphrase.js';
import { StrengthMeter } from './StrengthMeter.js';

/** A new passphrase with its strength meter, then the same typed again: creating a vault and changing its passphrase. */
export function NewPassphraseFields({
  value,
  confirmLabel,
  autoFocus = false,
}: {
  value: NewPassphrase;
  confirmLabel: string;
  autoFocus?: boolean;
}) {
  const strengthId = useId();
  return (
    <>
      <PasswordField
        label="New passphrase"
        value={value.passphrase}
        onChange={value.setPassphrase}
        autoComplete="new-password"
        describedBy={strengthId}
        autoFocus={autoFocus}
        required
      />
      <StrengthMeter id={strengthId} passphrase={value.passphrase} assessment={value.assessment} />
      <PasswordField
        label={confirmLabel}
        value={value.confirm}
        onChange={value.setConfirm}
        autoComplete="new-password"
        invalid={value.confirm.length > 0 && value.confirm !== value.passphrase}
        required
      />
    </>
  );
}
