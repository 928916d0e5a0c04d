import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The h1 of a screen or section. It takes focus when it appears, so keyboard and
 * screen-reader users land at the top of the new content (unless a field takes focus
 * instead), and it sets the window title.
 */
export function PageHeading({
  children,
  title,
  focus = true,
}: {
  children: ReactNode;
  title: string;
  focus?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Casebook`;
    if (focus) ref.current?.focus();
  }, [title, focus]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
