// The signalling relay: each party of a call holds one WebSocket to some instance; what one sends is
// published on the bus and delivered by whichever instance holds the other's socket. The server reads
// only what it must (hello, hang-up) and passes the rest on, validated but untouched.
import { randomUUID } from 'node:crypto';
import type { WebSocket } from '@fastify/websocket';
import {
  CALL_CLOSE,
  clientSignalSchema,
  type CallRole,
  type ClientSignal,
  type ServerSignal,
} from '../../../contract/calls';
import { z } from '../../../contract/zod';
import type { Log } from '../../lib/log';
import type { CallBus } from './bus';
import type { CallsService } from './service';

/** What travels on the bus: a message for one party (or both) of a call, or "close your older socket". */
interface Delivery {
  callId: string;
  to: CallRole | 'both';
  message?: ServerSignal;
  /** Set with `replacedBy`: every socket of `to` in the call but this connection closes. */
  replacedBy?: string;
}

interface Connection {
  id: string;
  socket: WebSocket;
}

const other = (role: CallRole): CallRole => (role === 'host' ? 'guest' : 'host');
const HELLO_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 20_000;

export function signallingHub({
  bus,
  calls,
  hostGraceSeconds,
  log,
}: {
  bus: CallBus;
  calls: CallsService;
  hostGraceSeconds: number;
  log: Log;
}) {
  const local = new Map<string, Partial<Record<CallRole, Connection>>>();
  const graceTimers = new Set<NodeJS.Timeout>();

  function send(socket: WebSocket, message: ServerSignal) {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  bus.subscribe((raw) => {
    const delivery = raw as Delivery;
    const parties = local.get(delivery.callId);
    if (!parties) return;
    const roles: CallRole[] = delivery.to === 'both' ? ['host', 'guest'] : [delivery.to];
    for (const role of roles) {
      const connection = parties[role];
      if (!connection) continue;
      if (delivery.replacedBy) {
        if (connection.id !== delivery.replacedBy) {
          connection.socket.close(CALL_CLOSE.replaced, 'You joined this call from another window.');
        }
      } else if (delivery.message) {
        send(connection.socket, delivery.message);
        if (delivery.message.type === 'ended')
          connection.socket.close(CALL_CLOSE.ended, 'The call has ended.');
      }
    }
  });

  const publish = (delivery: Delivery) =>
    bus
      .publish(delivery)
      .catch((error: unknown) => log.warn({ err: error }, 'call signalling: publish failed'));

  async function endCall(callId: string, reason: string, by: CallRole | 'server', hostLeftAt?: string) {
    if (await calls.end(callId, reason, hostLeftAt)) {
      await publish({ callId, to: 'both', message: { type: 'ended', reason, by } });
    }
  }

  function attach(socket: WebSocket, callId: string, role: CallRole, early: unknown[]) {
    const connection: Connection = { id: randomUUID(), socket };
    const parties = local.get(callId) ?? {};
    local.set(callId, parties);
    const previous = parties[role];
    parties[role] = connection;
    previous?.socket.close(CALL_CLOSE.replaced, 'You joined this call from another window.');
    void publish({ callId, to: role, replacedBy: connection.id });
    send(socket, { type: 'welcome', role });
    void publish({ callId, to: other(role), message: { type: 'peer', present: true } });
    // Its close is handled after this is written, so that a host who leaves at once is seen leaving.
    const connected =
      role === 'host'
        ? calls
            .hostConnected(callId)
            .catch((error: unknown) => log.warn({ err: error }, 'call signalling: could not record the host'))
        : Promise.resolve();

    const ping = setInterval(() => socket.ping(), PING_INTERVAL_MS);
    const onMessage = (data: unknown) => {
      let message: ClientSignal;
      try {
        const parsed = clientSignalSchema.safeParse(JSON.parse(String(data)));
        if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
        message = parsed.data;
      } catch (error) {
        send(socket, { type: 'error', message: `Not a signalling message: ${(error as Error).message}` });
        return;
      }
      if (message.type === 'hello') return;
      if (message.type === 'hangup') {
        void endCall(callId, message.reason ?? 'hangup', role);
        return;
      }
      void publish({ callId, to: other(role), message });
    };
    socket.on('message', onMessage);
    early.forEach(onMessage);
    socket.on('close', () => {
      clearInterval(ping);
      if (parties[role] !== connection) return;
      delete parties[role];
      if (!parties.host && !parties.guest) local.delete(callId);
      void publish({ callId, to: other(role), message: { type: 'peer', present: false } });
      if (role === 'host') void connected.then(() => hostGone(callId));
    });
  }

  /** A host whose socket closed and who does not come back within the grace period ends the call. */
  async function hostGone(callId: string) {
    const leftAt = await calls.hostLeft(callId);
    if (!leftAt) return;
    const timer = setTimeout(() => {
      graceTimers.delete(timer);
      void endCall(callId, 'host-lost', 'server', leftAt).catch((error: unknown) =>
        log.warn({ err: error }, 'call signalling: could not end a call whose host left'),
      );
    }, hostGraceSeconds * 1000);
    graceTimers.add(timer);
  }

  return {
    /**
     * A new socket for call `callId`. The host was authenticated by its session before the upgrade
     * (`authorizeHost`); the guest proves itself with its key in the first message.
     */
    accept(socket: WebSocket, callId: string, authorizeHost: (() => Promise<'ok' | 'ended'>) | null) {
      const timeout = setTimeout(
        () => socket.close(CALL_CLOSE.refused, 'Say hello first.'),
        HELLO_TIMEOUT_MS,
      );
      // Messages after the hello wait until it is checked.
      const early: unknown[] = [];
      const keep = (data: unknown) => early.push(data);
      socket.once('message', (data: unknown) => {
        clearTimeout(timeout);
        socket.on('message', keep);
        void (async () => {
          let hello: ClientSignal | null;
          try {
            hello = clientSignalSchema.parse(JSON.parse(String(data)));
          } catch {
            hello = null;
          }
          if (hello?.type !== 'hello') {
            socket.close(CALL_CLOSE.refused, 'The first message must be hello.');
            return;
          }
          const verdict =
            hello.role === 'host'
              ? authorizeHost
                ? await authorizeHost().catch(() => 'refused' as const)
                : 'refused'
              : await calls.guestMayConnect(callId, hello.guestKey ?? '');
          if (verdict === 'refused') {
            socket.close(CALL_CLOSE.refused, 'You may not join this call.');
            return;
          }
          if (verdict === 'ended') {
            socket.close(CALL_CLOSE.ended, 'The call has ended.');
            return;
          }
          socket.off('message', keep);
          if (socket.readyState === socket.OPEN) attach(socket, callId, hello.role, early);
        })().catch((error: unknown) => {
          log.warn({ err: error }, 'call signalling: a connection failed');
          socket.close(1011, 'Something went wrong on our side.');
        });
      });
    },

    close() {
      for (const timer of graceTimers) clearTimeout(timer);
      graceTimers.clear();
      for (const parties of local.values()) {
        for (const connection of Object.values(parties))
          connection.socket.close(1001, 'Server shutting down.');
      }
      local.clear();
    },
  };
}
