import type { ReactNode } from 'react';
import type { Loaded } from '../state/data.js';
import { ErrorAlert } from './Alert.js';

/**
 * What a screen (or a part of one) shows until its data has arrived: a loading
 * line, or why it could not be read, followed by `children` (a way back).
 */
export function Pending({ data, loading, children }: { data: Loaded<unknown>; loading: string; children?: ReactNode }) {
  return (
    <>
      <ErrorAlert message={data.error} />
      {data.error ? (
        children
      ) : (
        <p className="muted" role="status">
          {loading}
        </p>
      )}
    </>
  );
}
