import { useEffect } from 'react';
import { useActivityReporter } from './activity.js';
import { onUnauthorised } from './api/bridge.js';
import { onLockedError, onNamedEvent } from './api/client.js';
import { AuthLayout } from './components/AuthLayout.js';
import { PageHeading } from './components/PageHeading.js';
import { markLocked, markUnauthorised, refreshStatus, useSession } from './state/session.js';
import { CreateVault } from './views/CreateVault.js';
import { Frame } from './views/Frame.js';
import { RecoveryKey } from './views/RecoveryKey.js';
import { Unlock } from './views/Unlock.js';

export function App() {
  const phase = useSession((state) => state.phase);
  useActivityReporter(phase === 'unlocked' || phase === 'recoveryKey');

  useEffect(() => {
    const stops = [
      onUnauthorised(markUnauthorised),
      onLockedError(() => markLocked('refused')),
      onNamedEvent('vault.locked', ({ reason }) => markLocked(reason)),
    ];
    void refreshStatus();
    return () => {
      for (const stop of stops) stop();
    };
  }, []);

  switch (phase) {
    case 'loading':
      return (
        <p className="loading" role="status">
          Opening Casebook…
        </p>
      );
    case 'absent':
      return <CreateVault />;
    case 'recoveryKey':
      return <RecoveryKey />;
    case 'locked':
      return <Unlock />;
    case 'unlocked':
      return <Frame />;
    case 'unauthorised':
      return <Unauthorised />;
    case 'unavailable':
      return <Unavailable />;
  }
}

function Unauthorised() {
  return (
    <AuthLayout showPath={false}>
      <PageHeading title="Not authorised">This browser tab is not authorised</PageHeading>
      <p>
        Open the address that <code>casebook serve</code> printed in the terminal. It carries a one-off token that lets
        this tab talk to Casebook; an address without it, or from an earlier run, will not work.
      </p>
    </AuthLayout>
  );
}

function Unavailable() {
  const message = useSession((state) => state.unavailableMessage);
  return (
    <AuthLayout showPath={false}>
      <PageHeading title="Not responding">Casebook is not responding</PageHeading>
      <p>{message}</p>
      <button type="button" className="primary" onClick={() => void refreshStatus()}>
        Try again
      </button>
    </AuthLayout>
  );
}
