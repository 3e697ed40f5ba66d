// What each role is called on the administrators' pages.
import type { Role } from '../../../contract/auth';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  qa_manager: 'QA manager',
  trainer: 'Trainer',
  supervisor: 'Supervisor',
  agent: 'Agent',
};
