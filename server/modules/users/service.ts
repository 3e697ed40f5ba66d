// People and teams: administrators create users (who set their own password through a one-time link),
// change their role and teams, and deactivate them; the first administrator comes from the setup link.
import type { CurrentUser } from '../../../contract/auth';
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
import { hashPassword } from '../auth/password';
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

export function usersService(deps: { db: Database; access: AccessControl; publicUrl: string }) {
  const { db, access, publicUrl } = deps;
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
        const stopsBeingAdmin =
          current.role === 'admin' &&
          current.active &&
          ((input.role !== undefined && input.role !== 'admin') || input.active === false);
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
      return toUser((await repo.findById(id))!);
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
      const passwordHash = await hashPassword(input.password);
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
      const passwordHash = await hashPassword(input.password);
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
