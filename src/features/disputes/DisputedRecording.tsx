// Where a dispute's recording is: a link to it, or when it was deleted (the dispute and its evaluation
// outlive the recording: retention, or a deletion on request).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Dispute } from '../../../contract/disputes';
import { formatDateTime } from '../../lib/format';

export function DisputedRecording({
  dispute,
  className,
  children,
}: {
  dispute: Pick<Dispute, 'objectId' | 'activityId' | 'recordingDeletedAt'>;
  className: string;
  /** The link's text. */
  children: ReactNode;
}) {
  if (dispute.recordingDeletedAt) {
    return (
      <span className="inline-flex items-center rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
        Recording deleted&nbsp;
        <time dateTime={dispute.recordingDeletedAt}>
          {formatDateTime(new Date(dispute.recordingDeletedAt))}
        </time>
      </span>
    );
  }
  return (
    <Link
      to={`/objects/${encodeURIComponent(dispute.objectId)}/recordings/${encodeURIComponent(dispute.activityId)}`}
      className={className}
    >
      {children}
    </Link>
  );
}
