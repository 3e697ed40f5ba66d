// Guest links: `/join/<token>`, the token naming one call and its expiry, signed with the deployment's
// secret, so any instance can check it without a lookup. Single use is the database's part (service.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'tapeline-call-link';

function signature(secret: string, payload: string) {
  return createHmac('sha256', secret).update(`${PURPOSE}:${payload}`).digest('base64url');
}

export function signGuestToken(secret: string, callId: string, expiresAt: Date): string {
  const payload = `${callId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

export type TokenCheck =
  | { ok: true; callId: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired'; callId?: string };

export function verifyGuestToken(secret: string, token: string, now = new Date()): TokenCheck {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, callId, exp, sig] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(signature(secret, `${callId}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'invalid' };
  }
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired', callId };
  return { ok: true, callId, expiresAt };
}
