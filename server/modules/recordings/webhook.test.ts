import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { apiKeys, DEMO_MP4, objectOf, recordingsClient } from './test-support';

const SECRET = 'webhook-secret-for-tests-0123456789';

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
}

async function webhookReceiver() {
  const deliveries: Delivery[] = [];
  let answers: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
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

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never became true');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
      env: { RECORDING_WEBHOOK_URL: receiver.url, RECORDING_WEBHOOK_SECRET: SECRET },
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
});

describe('a dead webhook', () => {
  it('never blocks or undoes complete', async () => {
    const receiver = await webhookReceiver();
    await receiver.close(); // nothing listens on this port any more
    const ctx = await createTestApp('pglite', {
      env: { RECORDING_WEBHOOK_URL: receiver.url, RECORDING_WEBHOOK_SECRET: SECRET },
    });
    try {
      const client = recordingsClient(ctx, await apiKeys(ctx));
      const started = Date.now();
      const { activity } = await client.record(await objectOf(ctx, 'agent'), 'agent', DEMO_MP4);
      // Retries wait 1 s at least: an answer sooner than that did not wait for the webhook.
      expect(Date.now() - started).toBeLessThan(1000);
      expect(activity.id).toBeTruthy();
    } finally {
      await ctx.close();
    }
  });
});
