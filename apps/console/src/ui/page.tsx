import { useEffect, useRef, type ReactNode } from 'react';
import { formatTime } from './format';

export { formatTime, localInputToIso, plural, zoneLabel } from './format';

/**
 * Every view starts with its h1, which takes the focus when the view opens: a keyboard or
 * screen-reader user lands at the start of the new content, not at the end of the old.
 */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · SCIM console`;
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
      {children}
    </>
  );
}

export function ErrorMessage({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

/** Polite announcements (saved, refreshed, copied) that do not steal the focus. */
export function StatusMessage({ message }: { message: string | undefined }) {
  return (
    <p className="status" role="status" aria-live="polite">
      {message ?? ''}
    </p>
  );
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">–</span>;
  return <time dateTime={iso}>{formatTime(iso)}</time>;
}
