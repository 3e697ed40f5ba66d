// Why an action failed, under the control that started it: announced at once (role="alert"), in the
// server's own words where it gave some. Renders nothing while there is no error.
import { describeError } from '../lib/api-client';

export function ErrorMessage({ error, className = '' }: { error: unknown; className?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`.trim()}>
      {describeError(error)}
    </p>
  );
}
