import { useEffect, useState } from 'react';
import { create } from 'zustand';

/**
 * A confirmation that belongs to the next screen ("Review created." shown on the
 * review a form just saved): set before navigating, shown once, then cleared.
 */
const useNoticeStore = create<{ notice: string | null }>()(() => ({ notice: null }));

export function setNotice(notice: string | null): void {
  useNoticeStore.setState({ notice });
}

/** The notice waiting when the screen appeared; it is taken, so it shows on this screen only. */
export function useNotice(): string | null {
  const [notice] = useState(() => useNoticeStore.getState().notice);
  useEffect(() => {
    if (notice) setNotice(null);
  }, [notice]);
  return notice;
}
