// Pages for admins and QA managers (disputes, scorecards): everyone else sees that they have no access.
import type { ReactNode } from 'react';
import { StatePanel } from '../../components/StatePanel';
import { managesQa } from '../../../contract/auth';
import { useSession } from '../../features/auth/session';
import { ButtonLink } from '../../components/Button';

export function QaManagersOnly({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (managesQa(user.role)) return children;
  return (
    <>
      <title>No access · Tapeline</title>
      <StatePanel
        icon="locked"
        headingLevel={1}
        title="You don’t have access to this page"
        actions={<ButtonLink to="/">Go to your conversations</ButtonLink>}
      >
        Only administrators and QA managers manage scorecards and resolve disputes.
      </StatePanel>
    </>
  );
}
