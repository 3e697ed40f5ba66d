// Tells an outside system that a recording activity exists: a signed POST, retried in the background.
// Retries live in this process (not a durable outbox): a restart drops pending retries, see README.
import { createHmac } from 'node:crypto';

export interface WebhookLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export function signWebhookBody(secret: string, body: string) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookOptions {
  url: string;
  secret: string;
  log: WebhookLog;
  attempts?: number;
  /** Wait before the second attempt; doubles each time after. */
  firstRetryDelayMs?: number;
  timeoutMs?: number;
}

export function webhookSender(options: WebhookOptions) {
  const { url, secret, log, attempts = 5, firstRetryDelayMs = 1000, timeoutMs = 10_000 } = options;
  const pending = new Set<Promise<void>>();
  const closing = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      closing.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function deliver(event: string, deliveryId: string, payload: unknown) {
    const body = JSON.stringify(payload);
    for (let attempt = 1; attempt <= attempts && !closing.signal.aborted; attempt++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Tapeline-Webhook/1',
            'x-tapeline-event': event,
            'x-tapeline-delivery': deliveryId,
            'x-tapeline-timestamp': timestamp,
            'x-tapeline-signature': signWebhookBody(secret, body),
          },
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await response.body?.cancel();
        if (response.ok) {
          log.info({ event, deliveryId, attempt }, 'webhook delivered');
          return;
        }
        log.warn({ event, deliveryId, attempt, status: response.status }, 'webhook refused');
      } catch (error) {
        log.warn({ event, deliveryId, attempt, err: error }, 'webhook unreachable');
      }
      if (attempt < attempts) await wait(firstRetryDelayMs * 2 ** (attempt - 1));
    }
    log.warn({ event, deliveryId, attempts }, 'webhook given up');
  }

  return {
    /** Starts delivering in the background; never throws, never waits. */
    send(event: string, deliveryId: string, payload: unknown) {
      const delivery = deliver(event, deliveryId, payload).finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    /** Resolves when every delivery started so far has succeeded or given up (the CLI waits for this). */
    async settle() {
      await Promise.all([...pending]);
    },
    close() {
      closing.abort();
    },
  };
}
export type WebhookSender = ReturnType<typeof webhookSender>;
