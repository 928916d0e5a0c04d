import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useHash } from '../router.js';

/**
 * A confirmation that belongs to the next screen ("Review created." shown on the
 * review a form just saved): set before navigating, shown once, then cleared.
 */
const useNoticeStore = create<{ notice: string | null }>()(() => ({ notice: null }));

export function setNotice(notice: string | null): void {
  useNoticeStore.setState({ notice });
}

/**
 * The notice waiting when the screen appeared; it is taken, so it shows on this
 * screen only, and only until the address changes (another tab of the same
 * review is another screen: the message does not follow the reviewer there).
 */
export function useNotice(): string | null {
  const hash = useHash();
  const [taken] = useState(() => ({ notice: useNoticeStore.getState().notice, hash }));
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    if (taken.notice) setNotice(null);
  }, [taken]);
  useEffect(() => {
    if (hash !== taken.hash) setMoved(true);
  }, [hash, taken]);
  return moved || hash !== taken.hash ? null : taken.notice;
}
