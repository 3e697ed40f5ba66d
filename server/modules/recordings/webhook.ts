// Tells an outside system that a recording activity exists: a signed POST from a durable outbox.
// The completing transaction queues the delivery (webhook_deliveries), so a crash or restart cannot
// lose it; a worker on every instance sends due rows, claimed so that no two instances send one row.
// The body is built at each attempt, so its recordingUrl is valid for MEDIA_URL_TTL from when it is sent.
import { createHmac } from 'node:crypto';
import type { Database, Queryable } from '../../db/database';
import type { Log } from '../../lib/log';
import { activityFromRow } from '../activities/service';
import type { MediaStorage } from '../media/storage';
import { webhookRepo, type DueDelivery } from './webhook-repo';

export function signWebhookBody(secret: string, body: string) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookOptions {
  db: Database;
  /** Signs the recordingUrl in each body, as the Activities API does. */
  storage: MediaStorage;
  url: string;
  secret: string;
  log: Log;
  /** Attempts per delivery; after the last one fails the delivery is marked dead and logged. */
  attempts?: number;
  /** Wait before the second attempt; doubles each time after. */
  firstRetryDelayMs?: number;
  timeoutMs?: number;
  /** How often the worker looks for due deliveries (retries, and rows other instances queued). */
  pollIntervalMs?: number;
}

const CLAIM_BATCH = 10;

export function webhookOutbox(options: WebhookOptions) {
  const {
    db,
    storage,
    url,
    secret,
    log,
    attempts = 5,
    firstRetryDelayMs = 1000,
    timeoutMs = 10_000,
    pollIntervalMs = 1000,
  } = options;
  const repo = webhookRepo(db);
  // A claim outlives the request's timeout, so no other instance retries a row while it is in flight.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 30;
  const closing = new AbortController();
  let pass: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  /** Deliveries this process queued, for settle(); ids of rolled-back transactions simply match nothing. */
  const queued = new Set<string>();

  /** The activity as it is now, with a media URL signed from this moment. */
  async function bodyOf(delivery: DueDelivery): Promise<string> {
    const row = await repo.findActivityRow(delivery.activity_id);
    if (!row) throw new Error(`activity ${delivery.activity_id} no longer exists`);
    return JSON.stringify(await activityFromRow(row, storage));
  }

  /** One POST; resolves with null when the receiver accepted, else with what went wrong. */
  async function post(delivery: DueDelivery): Promise<string | null> {
    try {
      const body = await bodyOf(delivery);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tapeline-Webhook/1',
          'x-tapeline-event': delivery.event,
          'x-tapeline-delivery': delivery.activity_id,
          'x-tapeline-timestamp': timestamp,
          'x-tapeline-signature': signWebhookBody(secret, body),
        },
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function attempt(delivery: DueDelivery) {
    const details = { event: delivery.event, deliveryId: delivery.activity_id, attempt: delivery.attempts };
    const problem = await post(delivery);
    if (problem === null) {
      await repo.markDelivered(delivery.id);
      log.info(details, 'webhook delivered');
    } else if (closing.signal.aborted) {
      await repo.release(delivery.id); // shutting down: not the receiver's failure, due again at once
    } else if (delivery.attempts >= attempts) {
      await repo.markDead(delivery.id, problem);
      log.warn({ ...details, error: problem }, 'webhook given up');
    } else {
      const delayMs = firstRetryDelayMs * 2 ** (delivery.attempts - 1);
      await repo.scheduleRetry(delivery.id, delayMs / 1000, problem);
      log.warn({ ...details, error: problem, retryInMs: delayMs }, 'webhook failed; will retry');
    }
  }

  /** Sends every due delivery; one pass at a time in this process (instances coordinate by claims). */
  function deliverDue(): Promise<void> {
    pass ??= (async () => {
      while (!closing.signal.aborted) {
        const claimed = await repo.claimDue(CLAIM_BATCH, leaseSeconds);
        if (claimed.length === 0) return;
        await Promise.all(claimed.map(attempt));
      }
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'webhook outbox pass failed'))
      .finally(() => (pass = null));
    return pass;
  }

  return {
    /** Queues a delivery in `tx`, the transaction that creates the activity; its body is built when sent. */
    async enqueue(tx: Queryable, activityId: string, event: string) {
      queued.add(await webhookRepo(tx).enqueue(activityId, event));
    },
    /** Sends what is due now, in the background (after a commit, so a delivery need not wait a poll). */
    kick() {
      void deliverDue();
    },
    deliverDue,
    /** Polls every pollIntervalMs until close(). */
    start() {
      timer ??= setInterval(() => void deliverDue(), pollIntervalMs);
      timer.unref();
    },
    /**
     * Waits until every delivery this process queued is delivered or dead (attempts are bounded, so
     * this ends). The CLI calls it before exiting, so its imports' webhooks are not left behind.
     */
    async settle() {
      for (;;) {
        await deliverDue();
        const next = await repo.nextDueOf([...queued]);
        if (!next || closing.signal.aborted) return;
        const wait = Math.max(10, next.getTime() - Date.now());
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    /** Stops polling and aborts sends in flight; their claims are given back for the next instance. */
    async close() {
      clearInterval(timer);
      closing.abort();
      await pass;
    },
  };
}
export type WebhookOutbox = ReturnType<typeof webhookOutbox>;
