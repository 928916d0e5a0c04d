import { useEffect, useRef } from 'react';
import { normaliseRoute, ROUTES, type RouteId, routePath, useRoute } from '../router.js';
import { lockVault, useSession } from '../state/session.js';
import { ActionBoard } from './analysis/ActionBoard.js';
import { Cdop } from './cdop/Cdop.js';
import { Reviews } from './reviews/Reviews.js';
import { Settings } from './Settings.js';
import { Statistics } from './statistics/Statistics.js';

function View({ route }: { route: RouteId }) {
  switch (route) {
    case 'reviews':
      return <Reviews />;
    case 'cdop':
      return <Cdop />;
    case 'actions':
      return <ActionBoard />;
    case 'statistics':
      return <Statistics />;
    case 'settings':
      return <Settings />;
  }
}

export function Frame() {
  const route = useRoute();
  const unlockedWithRecoveryKey = useSession((state) => state.unlockedWithRecoveryKey);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    normaliseRoute();
  }, []);

  return (
    <div className="frame">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to main content
      </button>
      <header className="app-header">
        <span className="product">Casebook</span>
        <span className="marking">OFFICIAL-SENSITIVE</span>
        <button type="button" className="secondary" onClick={() => void lockVault()}>
          Lock
        </button>
      </header>
      <div className="frame-body">
        <nav aria-label="Main" className="main-nav">
          <ul>
            {ROUTES.map((item) => (
              <li key={item.id}>
                <a href={item.path} aria-current={item.id === route ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="frame-main" ref={mainRef} tabIndex={-1}>
          <div className="frame-content">
            {unlockedWithRecoveryKey ? (
              <section className="banner" aria-label="Set a new passphrase">
                <p>
                  You opened the vault with the recovery key. Set a new passphrase now, so you do not need the key next
                  time. <a href={routePath('settings')}>Go to Settings to change the passphrase</a>
                </p>
              </section>
            ) : null}
            <View key={route} route={route} />
          </div>
        </main>
      </div>
      <footer className="app-footer">
        <span className="marking">OFFICIAL-SENSITIVE</span>
      </footer>
    </div>
  );
}
