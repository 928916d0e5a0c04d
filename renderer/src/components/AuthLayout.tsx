import type { ReactNode } from 'react';
import { useSession } from '../state/session.js';

/** The frame of the screens shown before the vault is open: create, recovery key, unlock. */
export function AuthLayout({ children, showPath = true }: { children: ReactNode; showPath?: boolean }) {
  const vaultPath = useSession((state) => state.vaultPath);
  return (
    <div className="auth">
      <header className="auth-header">
        <span className="product">Casebook</span>
        <span className="marking">OFFICIAL-SENSITIVE</span>
        <span />
      </header>
      <main className="auth-main">
        <div className="card">
          {children}
          {showPath && vaultPath ? (
            <p className="vault-path">
              Vault file: <code>{vaultPath}</code>
            </p>
          ) : null}
        </div>
      </main>
    </div>
  );
}
