// What the CLI's user, team and import commands need, from whichever side is there: a running server's
// API (over HTTP, with its operator credential) or, when no server runs, the database directly.
import type { CreateUserRequest, Team, User } from '../../contract/users';
import type { Config } from '../config';
import { readOperatorCredential } from '../lib/operator-credential';
import type { RecordingsClient } from '../modules/recordings/import';
import { directBackend } from './direct-backend';
import { httpBackend } from './http-backend';

export interface OperatorBackend {
  /** `http` (a running server) or `database`; said on stderr so an operator knows which was used. */
  readonly via: string;
  createUser(input: CreateUserRequest): Promise<{ id: string; setPasswordUrl: string }>;
  listUsers(): Promise<User[]>;
  createTeam(name: string): Promise<Team>;
  createApiKey(userId: string, name: string): Promise<{ id: string; key: string }>;
  recordings: RecordingsClient;
  /** Waits for work the command started in the background (webhooks) and lets go of the database. */
  close(): Promise<void>;
}

/** The running server's API if one runs on this DATA_DIR, else the database. */
export async function openBackend(config: Config): Promise<OperatorBackend> {
  const credential = await readOperatorCredential(config.dataDir);
  if (credential) {
    const remote = await httpBackend(credential);
    if (remote) return remote;
  }
  return directBackend(config);
}

/** The first team of `agent`, for a new conversation that names none. */
export async function firstTeamOf(backend: OperatorBackend, agent: string): Promise<string> {
  const user = (await backend.listUsers()).find((candidate) => candidate.username === agent);
  const team = user?.teams[0];
  if (!team) {
    throw new Error(
      user
        ? `agent: ${agent} is in no team; pass --object-team <team id> (or an objectTeam column).`
        : `agent: there is no user "${agent}".`,
    );
  }
  return team.id;
}
