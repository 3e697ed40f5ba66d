// The rules of calls: who may start and host one, the guest link's single use and expiry, and how a call
// ends (a hang-up, the page going away, or a host gone longer than CALL_HOST_GRACE).
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Call, GuestCall } from '../../../contract/calls';
import type { CallsConfig } from '../../config';
import type { Queryable } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import type { AccessControl } from '../access/service';
import type { Actor } from '../access/policy';
import { iceConfig } from './ice';
import { signGuestToken, verifyGuestToken } from './link';
import { callsRepo, type CallRow } from './repo';

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

function sameHash(stored: string | null, key: string) {
  if (!stored) return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(hash(key));
  return a.length === b.length && timingSafeEqual(a, b);
}

export function callsService(deps: {
  db: Queryable;
  access: AccessControl;
  config: CallsConfig;
  publicUrl: string;
  signingSecret: string;
}) {
  const { access, config, publicUrl, signingSecret } = deps;
  const repo = callsRepo(deps.db);

  function hostView(row: CallRow): Call {
    const token = signGuestToken(signingSecret, row.id, row.linkExpiresAt);
    return {
      id: row.id,
      objectId: row.objectId,
      objectTitle: row.objectTitle,
      host: {
        id: row.hostId,
        username: row.hostUsername,
        first_name: row.hostFirstName,
        last_name: row.hostLastName,
      },
      state: row.state,
      createdAt: row.createdAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      endReason: row.endReason,
      guestUrl: `${publicUrl}/join/${token}`,
      linkExpiresAt: row.linkExpiresAt.toISOString(),
      guestJoined: row.guestJoinedAt !== null,
      ice: iceConfig(config, `call-${row.id}-host`),
    };
  }

  async function load(id: string) {
    const row = await repo.find(id);
    if (!row) throw notFound(`Call ${id}`);
    return row;
  }

  return {
    /** Starts a call on `objectId`, hosted by `actor`; the answer carries the guest link. */
    async start(actor: Actor, objectId: string): Promise<Call> {
      await access.require(actor, 'call.start', objectId);
      const id = randomUUID();
      const linkExpiresAt = new Date(Math.floor(Date.now() / 1000 + config.linkTtlSeconds) * 1000);
      await repo.insert({ id, objectId, hostId: actor.id, linkExpiresAt });
      return hostView(await load(id));
    },

    async get(actor: Actor, id: string): Promise<Call> {
      await access.require(actor, 'call.host', id);
      return hostView(await load(id));
    },

    /**
     * The guest's entry: a valid, unexpired, unused link takes its one use and gets a guest key; the same
     * guest (who holds the key) may come back, for a reload, until the call ends.
     */
    async join({ token, guestKey }: { token: string; guestKey?: string }): Promise<GuestCall> {
      const check = verifyGuestToken(signingSecret, token);
      if (!check.ok && check.reason === 'invalid') {
        throw new HttpError(404, 'This call link is not valid. Check that it was copied whole.');
      }
      const row = check.callId ? await repo.find(check.callId) : null;
      if (!row) throw notFound('The call of this link');
      if (row.state === 'ended') throw new HttpError(410, 'This call has ended.');
      const guestView = (key: string): GuestCall => ({
        callId: row.id,
        guestKey: key,
        hostName: `${row.hostFirstName} ${row.hostLastName}`.trim(),
        state: 'active',
        ice: iceConfig(config, `call-${row.id}-guest`),
      });
      if (guestKey && sameHash(row.guestKeyHash, guestKey)) return guestView(guestKey);
      if (!check.ok) {
        throw new HttpError(410, 'This call link has expired. Ask the person who invited you for a new one.');
      }
      const key = randomBytes(32).toString('base64url');
      if (!(await repo.claimGuest(row.id, hash(key)))) {
        throw new HttpError(
          410,
          'This call link was already used: it lets one person join, once. Ask for a new link.',
        );
      }
      return guestView(key);
    },

    /** Whether `guestKey` is the key of the guest who joined call `id`, and the call goes on. */
    async guestMayConnect(id: string, guestKey: string): Promise<'ok' | 'refused' | 'ended'> {
      const row = await repo.find(id);
      if (!row || !sameHash(row.guestKeyHash, guestKey)) return 'refused';
      return row.state === 'ended' ? 'ended' : 'ok';
    },

    /** 404/403 unless `actor` hosts call `id`; whether it has ended. */
    async hostMayConnect(actor: Actor, id: string): Promise<'ok' | 'ended'> {
      await access.require(actor, 'call.host', id);
      return (await load(id)).state === 'ended' ? 'ended' : 'ok';
    },

    hostConnected: (id: string) => repo.hostConnected(id),
    hostLeft: (id: string) => repo.hostLeft(id),
    /** Ends the call; false when it had already ended (or, with `hostLeftAt`, the host came back). */
    end: (id: string, reason: string, hostLeftAt?: string) => repo.end(id, reason, hostLeftAt),
  };
}
export type CallsService = ReturnType<typeof callsService>;
