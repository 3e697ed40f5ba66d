import type { CurrentUser, Role } from '../../../contract/auth';

const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  qa_manager: 'QA manager',
  trainer: 'Trainer',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export function roleLabel(role: Role): string {
  return roleLabels[role];
}

export function fullName(user: Pick<CurrentUser, 'first_name' | 'last_name' | 'username'>): string {
  return `${user.first_name} ${user.last_name}`.trim() || user.username;
}
