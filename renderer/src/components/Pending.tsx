import type { Loaded } from '../state/data.js';
import { ErrorAlert } from './Alert.js';

/**
 * What a screen (or a part of one) shows until its data has arrived: a loading
 * line, or why it could not be read and, for a whole screen, the way back.
 */
export function Pending({
  data,
  loading,
  back,
}: {
  data: Pick<Loaded<unknown>, 'error'>;
  loading: string;
  back?: { href: string; label: string };
}) {
  return (
    <>
      <ErrorAlert message={data.error} />
      {!data.error ? (
        <p className="muted" role="status">
          {loading}
        </p>
      ) : back ? (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      ) : null}
    </>
  );
}
