// A page only some may use: shown when the session's user is allowed (contract/permissions.ts), else a
// "no access" state that says who may use it.
import type { ReactNode } from 'react';
import type { CurrentUser } from '../../../contract/auth';
import { ButtonLink } from '../../components/Button';
import { StatePanel } from '../../components/StatePanel';
import { useSession } from '../../features/auth/session';

export function Permitted({
  allowed,
  who,
  children,
}: {
  allowed: (user: CurrentUser) => boolean;
  /** Who may use the page, as a sentence for those who may not. */
  who: string;
  children: ReactNode;
}) {
  const { user } = useSession();
  if (allowed(user)) return children;
  return (
    <>
      <title>No access · Tapeline</title>
      <StatePanel
        icon="locked"
        headingLevel={1}
        title="You don’t have access to this page"
        actions={<ButtonLink to="/">Go to your conversations</ButtonLink>}
      >
        {who}
      </StatePanel>
    </>
  );
}
