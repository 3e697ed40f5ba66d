// People and teams: administrators create users (who set their own password through a one-time link),
// change their role and teams, and deactivate them; the first administrator comes from the setup link.
import type { CurrentUser, Role } from '../../../contract/auth';
import { can } from '../../../contract/permissions';
import type {
  CreateUserRequest,
  SetPasswordRequest,
  SetupRequest,
  Team,
  UpdateUserRequest,
  User,
} from '../../../contract/users';
import type { Database } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import type { AccessControl } from '../access/service';
import { authRepo } from '../auth/repo';
import type { AuthService } from '../auth/service';
import { hashToken, newToken } from '../auth/tokens';
import { linksRepo } from './links-repo';
import { usersRepo, type UserListRow, type UsersRepo } from './repo';

/** How long a set-password link stays valid. */
export const SET_PASSWORD_LINK_TTL_SECONDS = 7 * 24 * 3600;

function toUser(row: UserListRow): User {
  return {
    id: row.id,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role,
    teams: row.teams,
    active: row.active,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at.toISOString(),
  };
}

async function requireTeams(repo: UsersRepo, teams: readonly string[]) {
  const missing = await repo.missingTeams(teams);
  if (missing.length > 0) throw new HttpError(400, `teams: there is no team ${missing.join(', ')}.`);
}

const LINK_GONE = 'This link has been used, has expired or was replaced. Ask an administrator for a new one.';

export function usersService(deps: {
  db: Database;
  access: AccessControl;
  auth: AuthService;
  publicUrl: string;
}) {
  const { db, access, auth, publicUrl } = deps;
  const repo = usersRepo(db);

  return {
    async list(actor: CurrentUser): Promise<User[]> {
      access.requirePermission(actor, 'users.manage');
      return (await repo.list()).map(toUser);
    },

    /** Creates the user without a password and answers the one-time link to set it. */
    async create(actor: CurrentUser, input: CreateUserRequest) {
      access.requirePermission(actor, 'users.manage');
      const token = newToken();
      const id = await db.transaction(async (tx) => {
        const txRepo = usersRepo(tx);
        await requireTeams(txRepo, input.teams);
        const userId = await txRepo.insert(input);
        if (!userId) throw new HttpError(409, `username: "${input.username}" is taken.`);
        await txRepo.setTeams(userId, input.teams);
        await linksRepo(tx).insert({
          tokenHash: hashToken(token),
          purpose: 'set_password',
          userId,
          ttlSeconds: SET_PASSWORD_LINK_TTL_SECONDS,
        });
        return userId;
      });
      return { id, setPasswordUrl: `${publicUrl}/set-password/${token}` };
    },

    /** Changes names, role, teams or `active`; deactivation ends the user's sessions and API keys at once. */
    async update(actor: CurrentUser, id: string, input: UpdateUserRequest): Promise<User> {
      access.requirePermission(actor, 'users.manage');
      await db.transaction(async (tx) => {
        const txRepo = usersRepo(tx);
        const current = await txRepo.findById(id);
        if (!current) throw notFound(`User ${id}`);
        // The last one who can manage users must stay: otherwise nobody could undo this.
        const managesUsers = (role: Role) => can(role, 'users.manage');
        const stopsBeingAdmin =
          current.active &&
          managesUsers(current.role) &&
          ((input.role !== undefined && !managesUsers(input.role)) || input.active === false);
        if (stopsBeingAdmin && (await txRepo.countActiveAdmins(id)) === 0) {
          throw new HttpError(
            409,
            `${input.active === false ? 'active' : 'role'}: ${current.username} is the last active administrator; make someone else an administrator first.`,
          );
        }
        if (input.teams) {
          await requireTeams(txRepo, input.teams);
          await txRepo.setTeams(id, input.teams);
        }
        await txRepo.update(id, input);
        if (input.active === false && current.active) {
          await authRepo(tx).endAccessOf(id);
          await linksRepo(tx).deleteForUser(id);
        }
      });
      // Their role, teams or standing changed: this instance looks their credentials up again at once
      // (other instances within CREDENTIAL_CACHE_SECONDS).
      auth.forgetUser(id);
      return toUser((await repo.findById(id))!);
    },

    /** A new API key acting as the user, for an integration; shown once. */
    async createApiKey(actor: CurrentUser, userId: string, name: string) {
      access.requirePermission(actor, 'users.manage');
      const user = await repo.findById(userId);
      if (!user) throw notFound(`User ${userId}`);
      if (!user.active) throw new HttpError(409, `${user.username} is deactivated; reactivate them first.`);
      return (await auth.createApiKey(user.username, name))!;
    },

    async listTeams(actor: CurrentUser): Promise<Team[]> {
      access.requirePermission(actor, 'users.manage');
      return repo.listTeams();
    },

    async createTeam(actor: CurrentUser, name: string): Promise<Team> {
      access.requirePermission(actor, 'users.manage');
      const team = await repo.insertTeam(name);
      if (!team) throw new HttpError(409, `name: there is already a team "${name}".`);
      return team;
    },

    /**
     * At start: with no active administrator, a new setup link (the previous one stops working) to print;
     * null when there is one.
     */
    async issueSetupLink(): Promise<string | null> {
      if ((await repo.countActiveAdmins()) > 0) return null;
      const token = newToken();
      await linksRepo(db).insert({
        tokenHash: hashToken(token),
        purpose: 'setup',
        userId: null,
        ttlSeconds: null,
      });
      return `${publicUrl}/setup/${token}`;
    },

    /** Whether a setup or set-password link still works, so the page can say so before the form. */
    async linkIsLive(kind: 'setup' | 'set_password', token: string) {
      if (kind === 'setup' && (await repo.countActiveAdmins()) > 0) return false;
      return linksRepo(db).isLive(hashToken(token), kind);
    },

    /** Creates the first administrator through the setup link; answers the username to sign in. */
    async setup(input: SetupRequest) {
      const passwordHash = await auth.hasher.hash(input.password);
      await db.transaction(async (tx) => {
        const txRepo = usersRepo(tx);
        if ((await linksRepo(tx).consume(hashToken(input.token), 'setup')) === undefined) {
          throw new HttpError(404, `token: ${LINK_GONE}`);
        }
        if ((await txRepo.countActiveAdmins()) > 0) {
          throw new HttpError(409, 'Tapeline already has an administrator; sign in instead.');
        }
        const id = await txRepo.insert({ ...input, role: 'admin' });
        if (!id) throw new HttpError(409, `username: "${input.username}" is taken.`);
        await txRepo.setPassword(id, passwordHash);
      });
      return input.username;
    },

    /** Sets the password through a one-time link; answers the username to sign in. */
    async setPassword(input: SetPasswordRequest) {
      const passwordHash = await auth.hasher.hash(input.password);
      return db.transaction(async (tx) => {
        const userId = await linksRepo(tx).consume(hashToken(input.token), 'set_password');
        const user = userId ? await usersRepo(tx).findById(userId) : null;
        if (!user || !user.active) throw new HttpError(404, `token: ${LINK_GONE}`);
        await usersRepo(tx).setPassword(user.id, passwordHash);
        return user.username;
      });
    },
  };
}
export type UsersService = ReturnType<typeof usersService>;
