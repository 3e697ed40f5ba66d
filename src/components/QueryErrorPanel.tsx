// The error state of a failed query: what failed, the server's reason, and a Retry that refetches.
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
}: {
  title: string;
  query: RetryableQuery;
  headingLevel?: 1 | 2;
}) {
  return (
    <StatePanel
      icon="error"
      role="alert"
      title={title}
      headingLevel={headingLevel}
      actions={
        <Button onClick={() => void query.refetch()} pending={query.isFetching}>
          {query.isFetching ? 'Retrying…' : 'Retry'}
        </Button>
      }
    >
      {describeError(query.error)}
    </StatePanel>
  );
}
