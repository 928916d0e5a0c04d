import { useEffect } from 'react';
import { call } from './api/client.js';

/** The main process owns the idle timer; we tell it the person is active, at most this often. */
export const ACTIVITY_INTERVAL_MS = 30_000;
const EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/** While `active`, reports keyboard, pointer and wheel use to `session.activity`, throttled. */
export function useActivityReporter(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    // The unlock itself counts as activity, so the first report can wait a full interval.
    let last = Date.now();
    const report = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_INTERVAL_MS) return;
      last = now;
      // A refused call (`locked`) is handled by the client; nothing else to do here.
      call('session.activity', {}).catch(() => undefined);
    };
    const options = { capture: true, passive: true } as const;
    for (const name of EVENTS) window.addEventListener(name, report, options);
    return () => {
      for (const name of EVENTS) window.removeEventListener(name, report, options);
    };
  }, [active]);
}
