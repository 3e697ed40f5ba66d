// From a provider's ID token claims to a Tapeline person: username, names, role and teams, through the
// configured group map (OIDC_ROLE_CLAIM, OIDC_GROUP_MAP).
import { roleSchema, type Role } from '../../../contract/auth';
import type { OidcConfig } from '../../config';

/** Most rights first: a person in several mapped groups gets the highest role among them. */
const ROLE_ORDER: readonly Role[] = ['admin', 'qa_manager', 'trainer', 'supervisor', 'agent'];

export interface MappedPerson {
  subject: string;
  username: string;
  firstName: string;
  lastName: string;
  /** Null: none of the person's groups gives a role, so they may not sign in. */
  role: Role | null;
  teams: string[];
}

const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}

/** Lowercase letters, digits, ".", "_" and "-", as every username (contract/users.ts). */
function usernameFrom(claims: Record<string, unknown>, subject: string): string {
  const wanted = asText(claims.preferred_username) || asText(claims.email).split('@')[0] || '';
  const cleaned = wanted
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 100);
  return (
    cleaned ||
    `sso-${
      subject
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '')
        .slice(0, 20) || 'user'
    }`
  );
}

export function mapClaims(claims: Record<string, unknown>, config: OidcConfig): MappedPerson {
  const subject = asText(claims.sub);
  const groups = groupsOf(claims, config.roleClaim);
  const roles = new Set<Role>();
  const teams = new Set<string>();
  for (const group of groups) {
    const direct = roleSchema.safeParse(group);
    if (direct.success) roles.add(direct.data);
    const mapped = config.groupMap[group];
    if (mapped?.role) roles.add(mapped.role);
    for (const team of mapped?.teams ?? []) teams.add(team);
  }
  const name = asText(claims.name);
  return {
    subject,
    username: usernameFrom(claims, subject),
    firstName: (asText(claims.given_name) || name.split(' ')[0] || '').slice(0, 100),
    lastName: (asText(claims.family_name) || name.split(' ').slice(1).join(' ')).slice(0, 100),
    role: ROLE_ORDER.find((role) => roles.has(role)) ?? null,
    teams: [...teams].sort(),
  };
}
