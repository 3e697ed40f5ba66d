// The error state of a failed query: what failed, the server's reason, and a Retry that refetches. The
// panel fills a page's main area; the notice is the same, compact, inside a card or the side column.
import type { ReactNode } from 'react';
import { describeError } from '../lib/api-client';
import { Button } from './Button';
import { StatePanel } from './StatePanel';

export interface RetryableQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export function QueryErrorPanel({
  title,
  query,
  headingLevel,
  otherAction,
}: {
  title: string;
  query: RetryableQuery;
  headingLevel?: 1 | 2;
  /** Shown beside Retry, e.g. a way back. */
  otherAction?: ReactNode;
}) {
  return (
    <StatePanel
      icon="error"
      role="alert"
      title={title}
      headingLevel={headingLevel}
      actions={
        <>
          <Button onClick={() => void query.refetch()} pending={query.isFetching}>
            {query.isFetching ? 'Retrying…' : 'Retry'}
          </Button>
          {otherAction}
        </>
      }
    >
      {describeError(query.error)}
    </StatePanel>
  );
}

export function QueryErrorNotice({
  title,
  query,
  className = '',
}: {
  title: string;
  query: RetryableQuery;
  className?: string;
}) {
  return (
    <div role="alert" className={`text-sm ${className}`}>
      <p className="font-medium text-red-800">{title}</p>
      <p className="mt-0.5 text-slate-600">{describeError(query.error)}</p>
      <Button
        variant="secondary"
        className="mt-2 px-2.5 py-1"
        pending={query.isFetching}
        onClick={() => void query.refetch()}
      >
        Retry
      </Button>
    </div>
  );
}
