// Demo data for a first start: users of every role, two teams, conversations and real recordings.
import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from '../db/database';
import { hashPassword } from '../modules/auth/password';
import { authRepo } from '../modules/auth/repo';
import { hashToken } from '../modules/auth/tokens';
import { probeMediaFile, type MediaProbe } from '../modules/media/probe';
import { recordingsRepo } from '../modules/recordings/repo';
import { seedQa } from './seed-qa';
import type { MediaStorage } from '../modules/media/storage';
import { usersRepo } from '../modules/users/repo';

export const DEMO_PASSWORD = 'tapeline';
export const DEMO_MEDIA_DIR = fileURLToPath(new URL('../../media/demo/', import.meta.url));

export const DEMO_USERS = [
  { username: 'admin', first_name: 'Ada', last_name: 'Admin', role: 'admin', teams: [] },
  {
    username: 'qa',
    first_name: 'Quinn',
    last_name: 'Alvarez',
    role: 'qa_manager',
    teams: ['Video Support', 'Onboarding'],
  },
  { username: 'trainer', first_name: 'Tess', last_name: 'Rainer', role: 'trainer', teams: ['Video Support'] },
  {
    username: 'supervisor',
    first_name: 'Sofia',
    last_name: 'Oduya',
    role: 'supervisor',
    teams: ['Onboarding'],
  },
  { username: 'agent', first_name: 'Dana', last_name: 'Whitfield', role: 'agent', teams: ['Video Support'] },
  { username: 'agent2', first_name: 'Sam', last_name: 'Okafor', role: 'agent', teams: ['Onboarding'] },
] as const;

const TOPICS = [
  'Refund for a double charge',
  'Camera not detected in the app',
  'Password reset loop',
  'Upgrade to the Business plan',
  'Delivery arrived damaged',
  'Two-factor codes not arriving',
  'Invoice address correction',
  'Setting up the first workspace',
  'Cancelled order still billed',
  'Screen sharing freezes',
  'Moving data from the old account',
  'Warranty claim for a headset',
  'Card declined at checkout',
  'Training for new team members',
  'Audio echo during calls',
  'Contract renewal questions',
  'Lost access after a phone change',
  'Export of call history',
  'Partial refund dispute',
  'Onboarding call: integrations',
  'Subscription paused by mistake',
  'Complaint about wait times',
  'Data deletion request (GDPR)',
  'Price match request',
];

/** A small deterministic PRNG (mulberry32), so every demo database looks the same. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function isEmpty(db: Database) {
  const { rows } = await db.query<{ count: number }>('select count(*)::int as count from users');
  return rows[0]!.count === 0;
}

interface DemoClip {
  storageKey: string;
  /** The agent on the clip, "First Last", from media/demo/clips.json. */
  agent: string;
  probe: MediaProbe;
}

async function storeDemoClips(storage: MediaStorage): Promise<DemoClip[]> {
  const manifest = JSON.parse(await readFile(DEMO_MEDIA_DIR + 'clips.json', 'utf8')) as {
    file: string;
    agent: string;
  }[];
  const clips: DemoClip[] = [];
  for (const { file, agent } of manifest) {
    const path = DEMO_MEDIA_DIR + file;
    // Measured, never typed in: the activity's duration and size come from the stored file.
    const probe = await probeMediaFile(path);
    const storageKey = `demo/${file}`;
    const stored = await storage.putFile(storageKey, path, probe.mimeType);
    clips.push({ storageKey, agent, probe: { ...probe, fileSize: stored.size } });
  }
  return clips;
}

export async function seedDemo(db: Database, storage: MediaStorage, now = new Date()) {
  const clips = await storeDemoClips(storage);
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const next = random(27);

  return db.transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    for (const name of ['Video Support', 'Onboarding']) {
      const { rows } = await tx.query<{ id: string }>(
        'insert into teams (name) values ($1) returning id::text as id',
        [name],
      );
      teamIds.set(name, rows[0]!.id);
    }
    const userIds = new Map<string, string>();
    for (const [index, user] of DEMO_USERS.entries()) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into users (username, first_name, last_name, role, password_hash)
         values ($1, $2, $3, $4, $5) returning id::text as id`,
        [user.username, user.first_name, user.last_name, user.role, passwordHashes[index]],
      );
      userIds.set(user.username, rows[0]!.id);
      for (const team of user.teams) {
        await tx.query('insert into team_members (team_id, user_id) values ($1, $2)', [
          teamIds.get(team),
          rows[0]!.id,
        ]);
      }
    }

    const recordings = recordingsRepo(tx);
    const dayMs = 86_400_000;
    let activityCount = 0;
    for (const [index, topic] of TOPICS.entries()) {
      const agent = index % 2 === 0 ? 'agent' : 'agent2';
      const team = agent === 'agent' ? 'Video Support' : 'Onboarding';
      const { rows } = await tx.query<{ id: string }>(
        `insert into objects (title, team_id, agent_id, created_at) values ($1, $2, $3, $4) returning id::text as id`,
        [topic, teamIds.get(team), userIds.get(agent), new Date(now.getTime() - 90 * dayMs)],
      );
      const objectId = rows[0]!.id;
      const agentUser = DEMO_USERS.find((user) => user.username === agent)!;
      const agentClips = clips.filter(
        (clip) => clip.agent === `${agentUser.first_name} ${agentUser.last_name}`,
      );
      const calls = 2 + Math.floor(next() * 4);
      for (let call = 0; call < calls; call++) {
        const clip = agentClips[Math.floor(next() * agentClips.length)]!;
        const startedAt = new Date(now.getTime() - Math.floor(next() * 89 * dayMs) - 3_600_000);
        const completedAt = new Date(
          startedAt.getTime() + Math.ceil(clip.probe.durationSeconds * 1000) + 2000,
        );
        await recordings.insertCompleted({
          id: randomUUID(),
          objectId,
          agentId: userIds.get(agent)!,
          externalId: null,
          startedAt,
          completedAt,
          storageKey: clip.storageKey,
          container: clip.probe.container,
          recordingType: clip.probe.kind,
          videoCodec: clip.probe.videoCodec,
          audioCodec: clip.probe.audioCodec,
          durationSeconds: clip.probe.durationSeconds,
          fileSize: clip.probe.fileSize,
        });
        activityCount++;
      }
    }
    await seedQa(tx);
    return {
      users: DEMO_USERS.length,
      objects: TOPICS.length,
      activities: activityCount,
      clips: clips.length,
    };
  });
}

/**
 * The demo's API key for `admin`, so `curl` works right after `npm start`. It is derived from the
 * signing secret, so each start can print it although only its hash is stored.
 */
export function demoApiKey(signingSecret: string) {
  return (
    'tpl_demo_' + createHmac('sha256', signingSecret).update('tapeline demo api key').digest('base64url')
  );
}

/** Registers the demo API key; call right after seeding, never on a database with real users. */
export async function createDemoApiKey(db: Queryable, signingSecret: string) {
  const repo = authRepo(db);
  const admin = await usersRepo(db).findByUsername('admin');
  if (!admin) throw new Error('The demo data has no admin user.');
  await repo.createApiKey(admin.id, 'demo', hashToken(demoApiKey(signingSecret)));
}

/** The demo API key while it exists and is not revoked (revoking it in the CLI sticks). */
export async function activeDemoApiKey(db: Queryable, signingSecret: string) {
  const key = demoApiKey(signingSecret);
  const stored = await authRepo(db).findApiKeyByHash(hashToken(key));
  return stored && !stored.revoked_at ? key : null;
}
