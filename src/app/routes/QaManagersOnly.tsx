// Pages for admins and QA managers (disputes, scorecards): everyone else sees that they have no access.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { StatePanel } from '../../components/StatePanel';
import { managesQa } from '../../features/auth/roles';
import { useSession } from '../../features/auth/session';

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
        actions={
          <Link
            to="/"
            className="inline-flex items-center rounded-lg bg-brand-700 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800"
          >
            Go to your conversations
          </Link>
        }
      >
        Only administrators and QA managers manage scorecards and resolve disputes.
      </StatePanel>
    </>
  );
}
