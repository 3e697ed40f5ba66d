// The administrators' compliance pages, loaded as one chunk only by those who open them.
import { mayManageRetention, mayReadAudit } from '../../../contract/permissions';
import { AuditPage } from '../../features/compliance/AuditPage';
import { RetentionPage } from '../../features/compliance/RetentionPage';
import { Permitted } from './Permitted';

export function AuditRoute() {
  return (
    <Permitted allowed={mayReadAudit} who="Only administrators read the audit trail.">
      <AuditPage />
    </Permitted>
  );
}

export function RetentionRoute() {
  return (
    <Permitted allowed={mayManageRetention} who="Only administrators set retention.">
      <RetentionPage />
    </Permitted>
  );
}
