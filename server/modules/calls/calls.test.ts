// Calls through the real app: who may start and host one, the guest link (single use, expiry, forgery),
// the signalling relay between host and guest over real WebSockets, hanging up, and TURN credentials.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/database';
import { migrate } from '../../db/migrate';
import { consoleLog } from '../../lib/log';
import {
  createPostgresDatabase,
  createTestApp,
  databaseKinds,
  signIn,
  type TestContext,
} from '../../test/harness';
import { postgresBus } from './bus';
import { turnCredentials } from './ice';
import { signGuestToken } from './link';

interface Started {
  id: string;
  guestUrl: string;
  ice: {
    iceServers: { urls: string | string[]; username?: string; credential?: string }[];
    expiresAt: string | null;
  };
}

/** A WebSocket client that queues what it receives. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers } as unknown as string[]);
  const inbox: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number; reason: string } | null = null;
  socket.addEventListener('message', (event) => {
    inbox.push(JSON.parse(String(event.data)) as Record<string, unknown>);
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.addEventListener('close', (event) => {
    closed = { code: event.code, reason: event.reason };
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  return {
    send: (message: object) => socket.send(JSON.stringify(message)),
    async next(type: string) {
      for (;;) {
        const index = inbox.findIndex((message) => message.type === type);
        if (index >= 0) return inbox.splice(index, 1)[0]!;
        if (closed) throw new Error(`closed (${closed.code} ${closed.reason}) before a ${type} message`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    async closedWith() {
      while (!closed) await new Promise<void>((wake) => waiters.push(wake));
      return closed;
    },
    close: () => socket.close(),
  };
}

describe.each(databaseKinds())('calls on %s', (kind) => {
  let ctx: TestContext;
  let base: string;
  let agent: { cookie: string; csrfToken: string };
  let objectId: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind, {
      env: {
        TURN_SECRET: 'a-turn-secret-of-some-length',
        TURN_URLS: 'turn:127.0.0.1:3478',
        CALL_HOST_GRACE: '1',
      },
    });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ctx.app.server.address() as { port: number };
    base = `127.0.0.1:${address.port}`;
    agent = await signIn(ctx.app, 'agent');
    objectId = (
      await ctx.db.query<{ id: string }>(
        `select o.id::text as id from objects o join users u on u.id = o.agent_id where u.username = 'agent' limit 1`,
      )
    ).rows[0]!.id;
  });
  afterAll(() => ctx?.close());

  async function start(as = agent, object = objectId) {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/objects/${object}/calls`,
      headers: { cookie: as.cookie, 'x-csrf-token': as.csrfToken },
    });
  }
  const join = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/calls/join', payload });
  const tokenOf = (call: Started) => call.guestUrl.split('/join/')[1]!;

  it('starts a call with a guest link and TURN credentials minted from the shared secret', async () => {
    const response = await start();
    expect(response.statusCode).toBe(201);
    const call = response.json<{ data: Started & { state: string } }>().data;
    expect(call.state).toBe('waiting');
    expect(call.guestUrl).toMatch(/^http:\/\/localhost:8080\/join\/[0-9a-f-]{36}\.\d+\.[\w-]{43}$/);
    const turn = call.ice.iceServers.find((server) => String(server.urls).startsWith('turn:'))!;
    const [expiry, label] = turn.username!.split(':');
    expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(label).toBe(`call-${call.id}-host`);
    expect(turn.credential).toBe(
      createHmac('sha1', 'a-turn-secret-of-some-length').update(turn.username!).digest('base64'),
    );
    // The page learns when they stop working, to ask for fresh ones before then.
    expect(Date.parse(call.ice.expiresAt!)).toBe(Number(expiry) * 1000);
  });

  it('refuses those who may not start a call: 403 for a reviewer, 404 for another agent’s conversation', async () => {
    const qa = await signIn(ctx.app, 'qa');
    expect((await start(qa)).statusCode).toBe(403);
    const agent2 = await signIn(ctx.app, 'agent2');
    expect((await start(agent2)).statusCode).toBe(404);
  });

  it('lets one guest in, once: a second use is 410, the same guest may come back with its key', async () => {
    const call = (await start()).json<{ data: Started }>().data;
    const first = await join({ token: tokenOf(call) });
    expect(first.statusCode).toBe(200);
    const guestKey = first.json<{ data: { guestKey: string; hostName: string } }>().data.guestKey;
    expect(first.json<{ data: { hostName: string } }>().data.hostName).toBe('Dana Whitfield');

    const second = await join({ token: tokenOf(call) });
    expect(second.statusCode).toBe(410);
    expect(second.json<{ description: string }>().description).toMatch(/already used/);
    expect((await join({ token: tokenOf(call), guestKey })).statusCode).toBe(200);
  });

  it('refuses an expired link (410) and a forged one (404)', async () => {
    const call = (await start()).json<{ data: Started }>().data;
    const expired = signGuestToken(ctx.signingSecret, call.id, new Date(Date.now() - 1000));
    const response = await join({ token: expired });
    expect(response.statusCode).toBe(410);
    expect(response.json<{ description: string }>().description).toMatch(/expired/);
    const forged = signGuestToken('not-the-secret', call.id, new Date(Date.now() + 60_000));
    expect((await join({ token: forged })).statusCode).toBe(404);
    expect((await join({ token: 'nonsense' })).statusCode).toBe(404);
  });

  it('relays signalling between host and guest, and a hang-up ends the call for both', async () => {
    const call = (await start()).json<{ data: Started }>().data;
    const { guestKey } = (await join({ token: tokenOf(call) })).json<{ data: { guestKey: string } }>().data;
    const url = `ws://${base}/api/calls/${call.id}/signal`;

    const host = await connect(url, { cookie: agent.cookie, origin: `http://${base}` });
    host.send({ type: 'hello', role: 'host' });
    expect(await host.next('welcome')).toEqual({ type: 'welcome', role: 'host' });

    const guest = await connect(url);
    guest.send({ type: 'hello', role: 'guest', guestKey });
    await guest.next('welcome');
    expect(await host.next('peer')).toEqual({ type: 'peer', present: true });

    guest.send({ type: 'ready', session: 'g1' });
    expect(await host.next('ready')).toEqual({ type: 'ready', session: 'g1' });
    const sdp = 'v=0\r\n' + 'a=x\r\n'.repeat(3000); // larger than a NOTIFY payload
    host.send({ type: 'description', session: 'h1', description: { type: 'offer', sdp } });
    host.send({
      type: 'candidate',
      session: 'h1',
      candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' },
    });
    expect(await guest.next('description')).toMatchObject({ description: { type: 'offer', sdp } });
    expect(await guest.next('candidate')).toMatchObject({ session: 'h1' });

    guest.send({ type: 'nonsense' });
    expect(await guest.next('error')).toMatchObject({ type: 'error' });

    guest.send({ type: 'hangup' });
    expect(await host.next('ended')).toEqual({ type: 'ended', reason: 'hangup', by: 'guest' });
    expect((await host.closedWith()).code).toBe(4410);
    const state = await ctx.app.inject({
      url: `/api/calls/${call.id}`,
      headers: { cookie: agent.cookie },
    });
    expect(state.json<{ data: { state: string; endReason: string } }>().data).toMatchObject({
      state: 'ended',
      endReason: 'hangup',
    });
    expect((await join({ token: tokenOf(call), guestKey })).statusCode).toBe(410);
  });

  it('refuses a guest without its key and a host from another site', async () => {
    const call = (await start()).json<{ data: Started }>().data;
    const url = `ws://${base}/api/calls/${call.id}/signal`;
    const stranger = await connect(url);
    stranger.send({ type: 'hello', role: 'guest', guestKey: 'guessed' });
    expect((await stranger.closedWith()).code).toBe(4403);
    const crossSite = await connect(url, { cookie: agent.cookie, origin: 'https://evil.example' });
    crossSite.send({ type: 'hello', role: 'host' });
    expect((await crossSite.closedWith()).code).toBe(4403);
  });

  it('ends the call for the guest when the host is gone longer than CALL_HOST_GRACE', async () => {
    const call = (await start()).json<{ data: Started }>().data;
    const { guestKey } = (await join({ token: tokenOf(call) })).json<{ data: { guestKey: string } }>().data;
    const url = `ws://${base}/api/calls/${call.id}/signal`;
    const host = await connect(url, { cookie: agent.cookie });
    host.send({ type: 'hello', role: 'host' });
    await host.next('welcome');
    const guest = await connect(url);
    guest.send({ type: 'hello', role: 'guest', guestKey });
    await guest.next('welcome');
    host.close();
    expect(await guest.next('peer')).toEqual({ type: 'peer', present: false });
    expect(await guest.next('ended')).toEqual({ type: 'ended', reason: 'host-lost', by: 'server' });
  });
});

describe('TURN credentials', () => {
  it('follow coturn’s use-auth-secret: <expiry>:<label>, base64 HMAC-SHA1', () => {
    const { username, credential, expiresAt } = turnCredentials('secret', 'call-1', 600, 1_000_000_000);
    expect(username).toBe('1000600:call-1');
    expect(expiresAt.getTime()).toBe(1_000_600_000);
    expect(credential).toBe(createHmac('sha1', 'secret').update('1000600:call-1').digest('base64'));
  });
});

describe.runIf(databaseKinds().includes('postgres'))(
  'the signalling bus across instances (PostgreSQL)',
  () => {
    it('delivers every message to every instance, in order, large ones by reference', async () => {
      const database = await createPostgresDatabase();
      const db = await openPostgres(database.url);
      await migrate(db);
      const one = postgresBus(database.url, consoleLog);
      const two = postgresBus(database.url, consoleLog);
      try {
        const heard: unknown[] = [];
        two.subscribe((message) => heard.push(message));
        const big = 'x'.repeat(20_000);
        await one.publish({ n: 1 });
        await one.publish({ n: 2, big });
        await one.publish({ n: 3 });
        await expect.poll(() => heard.length).toBe(3);
        expect(heard).toEqual([{ n: 1 }, { n: 2, big }, { n: 3 }]);
      } finally {
        await one.close();
        await two.close();
        await db.close();
        await database.drop();
      }
    });
  },
);
