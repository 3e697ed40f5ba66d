import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { until } from '../../test/until';
import { apiKeys, DEMO_MP4, objectOf, recordingsClient } from '../../test/recordings-client';
import { webhookOutbox, type WebhookOptions } from './webhook';
import { webhookRepo } from './webhook-repo';

const SECRET = 'webhook-secret-for-tests-0123456789';
// Short, so a retry a second later is signed with a visibly later expiry; still long enough to fetch.
const MEDIA_URL_TTL = 3;

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
  receivedAt?: number;
}

async function webhookReceiver() {
  const deliveries: Delivery[] = [];
  let answers: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
        receivedAt: Date.now(),
      });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tapeline`,
    deliveries,
    answerWith(statuses: number[]) {
      answers = statuses;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The `exp` and path of the signed recordingUrl in a delivered activity. */
function recordingUrlOf(delivery: Delivery) {
  const url = new URL((JSON.parse(delivery.body) as { recordingUrl: string }).recordingUrl);
  return { exp: Number(url.searchParams.get('exp')), path: url.pathname + url.search };
}

function verify(delivery: Delivery) {
  const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
  const sent = String(delivery.headers['x-tapeline-signature']);
  return sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

describe.each(databaseKinds())('recording webhook on %s', (kind) => {
  let ctx: TestContext;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let client: ReturnType<typeof recordingsClient>;
  let objectId: string;

  beforeAll(async () => {
    receiver = await webhookReceiver();
    ctx = await createTestApp(kind, {
      env: {
        RECORDING_WEBHOOK_URL: receiver.url,
        RECORDING_WEBHOOK_SECRET: SECRET,
        MEDIA_URL_TTL: String(MEDIA_URL_TTL),
      },
    });
    client = recordingsClient(ctx, await apiKeys(ctx));
    objectId = await objectOf(ctx, 'agent');
  });
  afterAll(async () => {
    await ctx?.close();
    await receiver?.close();
  });

  it('POSTs the activity, signed with HMAC-SHA256 of the body and timestamped', async () => {
    const { activity } = await client.record(objectId, 'agent', DEMO_MP4);
    await until(() => receiver.deliveries.some((d) => d.headers['x-tapeline-delivery'] === activity.id));
    const delivery = receiver.deliveries.find((d) => d.headers['x-tapeline-delivery'] === activity.id)!;
    expect(verify(delivery)).toBe(true);
    expect(verify({ ...delivery, body: delivery.body.replace('27', '28') })).toBe(false);
    expect(Number(delivery.headers['x-tapeline-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(delivery.headers['x-tapeline-event']).toBe('recording.completed');
    expect(JSON.parse(delivery.body)).toMatchObject({ id: activity.id, activityType: 27, objectId });
  });

  it('retries a failing webhook with backoff until it accepts', async () => {
    receiver.answerWith([500, 500, 200]);
    const { activity } = await client.record(objectId, 'agent', DEMO_MP4);
    const mine = () => receiver.deliveries.filter((d) => d.headers['x-tapeline-delivery'] === activity.id);
    await until(() => mine().length === 3);
    expect(mine().every(verify)).toBe(true);
  });

  it('signs the recordingUrl afresh for every attempt, so a retry never carries an expired one', async () => {
    receiver.answerWith([500]);
    const { activity } = await client.record(objectId, 'agent', DEMO_MP4);
    const mine = () => receiver.deliveries.filter((d) => d.headers['x-tapeline-delivery'] === activity.id);
    await until(() => mine().length === 2);
    const [refused, accepted] = mine() as [Delivery, Delivery];
    expect(verify(refused) && verify(accepted)).toBe(true);
    const first = recordingUrlOf(refused);
    const retried = recordingUrlOf(accepted);
    // The retry waited at least a second, and its URL is valid for the TTL from when it was sent (less
    // the second that may tick over between signing it and receiving it).
    expect(retried.exp).toBeGreaterThan(first.exp);
    expect(retried.exp).toBeGreaterThanOrEqual(Math.floor(accepted.receivedAt! / 1000) + MEDIA_URL_TTL - 1);
    const media = await ctx.app.inject({
      method: 'GET',
      url: retried.path,
      headers: { range: 'bytes=0-99' },
    });
    expect(media.statusCode).toBe(206);
    expect(media.rawPayload).toHaveLength(100);
  });
});

describe('a webhook that never answers', () => {
  it('neither blocks nor undoes complete', async () => {
    // Accepts the connection and the request, and never responds.
    const held: IncomingMessage[] = [];
    const silent = createServer((request) => held.push(request));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks/tapeline`;
    const ctx = await createTestApp('pglite', {
      env: { RECORDING_WEBHOOK_URL: url, RECORDING_WEBHOOK_SECRET: SECRET },
    });
    try {
      const keys = await apiKeys(ctx);
      const client = recordingsClient(ctx, keys);
      const objectId = await objectOf(ctx, 'agent');
      const { activity } = await client.record(objectId, 'agent', DEMO_MP4);
      await until(() => held.some((request) => request.headers['x-tapeline-delivery'] === activity.id));
      // complete has answered while its webhook request is still open (a complete that waited for it
      // would have outlived the request's timeout, which closes the connection), and the activity is
      // readable.
      expect(held.every((request) => !request.socket.destroyed)).toBe(true);
      const listed = await ctx.app.inject({
        url: `/api/objects/${objectId}/activities?activityType=27`,
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      expect(listed.json<{ data: { id: string }[] }>().data.map((item) => item.id)).toContain(activity.id);
    } finally {
      silent.closeAllConnections();
      await ctx.close();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe.each(databaseKinds())('the webhook outbox on %s', (kind) => {
  let ctx: TestContext;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    receiver = await webhookReceiver();
    ctx = await createTestApp(kind, {
      env: { RECORDING_WEBHOOK_URL: receiver.url, RECORDING_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await receiver?.close();
  });

  const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
  const outbox = (overrides: Partial<WebhookOptions> = {}) =>
    webhookOutbox({
      db: ctx.db,
      storage: ctx.storage,
      url: receiver.url,
      secret: SECRET,
      log: log(),
      ...overrides,
    });

  async function deliveryRow(activityId: string) {
    const { rows } = await ctx.db.query<{ attempts: number; delivered: boolean; dead: boolean }>(
      `select attempts, delivered_at is not null as delivered, dead_at is not null as dead
       from webhook_deliveries where activity_id = $1`,
      [activityId],
    );
    return rows[0];
  }

  it('survives a restart: a delivery the closed app never made is made by the next app on the database', async () => {
    receiver.answerWith(Array.from({ length: 1000 }, () => 503));
    const client = recordingsClient(ctx, await apiKeys(ctx));
    const { activity } = await client.record(await objectOf(ctx, 'agent'), 'agent', DEMO_MP4);
    const mine = () => receiver.deliveries.filter((d) => d.headers['x-tapeline-delivery'] === activity.id);
    await until(() => mine().length >= 1);
    await ctx.app.close();
    const refused = mine().length;
    receiver.answerWith([]);

    const next = await ctx.anotherInstance();
    await next.app.ready();
    await until(() => mine().length === refused + 1);
    expect(mine().every(verify)).toBe(true);
    // The receiver answers before the outbox records the answer: wait for the row to say so.
    await until(async () => (await deliveryRow(activity.id!))!.delivered);
    expect(await deliveryRow(activity.id!)).toMatchObject({ delivered: true, dead: false });
  });

  it('retries with growing delays, then marks the delivery dead and logs it', async () => {
    const { rows } = await ctx.db.query<{ id: string }>('select id::text as id from activities limit 1');
    const activityId = rows[0]!.id;
    receiver.answerWith([500, 500, 500, 500]);
    const logger = log();
    const dead = outbox({ attempts: 4, firstRetryDelayMs: 100, log: logger });
    await dead.enqueue(ctx.db, activityId, 'test.dead');
    await dead.settle();
    const attempts = receiver.deliveries.filter((d) => d.headers['x-tapeline-event'] === 'test.dead');
    expect(attempts).toHaveLength(4);
    const times = attempts.map((d) => Number(d.receivedAt));
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    // 100, 200, 400 ms between attempts (at least; the worker wakes when a retry is due).
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** index - 5));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ attempt: 4, error: 'HTTP 500' }),
      'webhook given up',
    );
    const { rows: row } = await ctx.db.query<{ attempts: number; dead: boolean; last_error: string }>(
      `select attempts, dead_at is not null as dead, last_error from webhook_deliveries where event = 'test.dead'`,
    );
    expect(row[0]).toMatchObject({ attempts: 4, dead: true, last_error: 'HTTP 500' });
    await dead.close();
  });

  it('sends a row queued before bodies were built at send time with a body built now', async () => {
    const { rows } = await ctx.db.query<{ id: string }>('select id::text as id from activities limit 1');
    const activityId = rows[0]!.id;
    await ctx.db.query(
      `insert into webhook_deliveries (activity_id, event, payload) values ($1, 'test.legacy', '{"stale":true}')`,
      [activityId],
    );
    receiver.answerWith([]);
    const legacy = outbox();
    await legacy.deliverDue();
    const sent = receiver.deliveries.find((d) => d.headers['x-tapeline-event'] === 'test.legacy')!;
    expect(verify(sent)).toBe(true);
    expect(JSON.parse(sent.body)).toMatchObject({ id: activityId });
    expect(JSON.parse(sent.body)).not.toHaveProperty('stale');
    await legacy.close();
  });

  it('never sends one delivery twice when two instances work the outbox at once', async () => {
    const { rows } = await ctx.db.query<{ id: string }>('select id::text as id from activities limit 20');
    for (const { id } of rows) await webhookRepo(ctx.db).enqueue(id, 'test.race');
    receiver.answerWith([]);
    const first = outbox();
    const second = outbox();
    await Promise.all([first.settle(), second.settle(), first.deliverDue(), second.deliverDue()]);
    const sent = receiver.deliveries
      .filter((d) => d.headers['x-tapeline-event'] === 'test.race')
      .map((d) => d.headers['x-tapeline-delivery']);
    expect(sent).toHaveLength(rows.length);
    expect(new Set(sent).size).toBe(rows.length);
    await Promise.all([first.close(), second.close()]);
  });
});
