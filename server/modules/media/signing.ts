// HMAC-signed, expiring media URLs for local storage: `/media/<key>?exp=<unix seconds>&sig=<base64url>`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { STORAGE_KEY_PATTERN } from './storage';

export type MediaSignatureCheck = 'ok' | 'expired' | 'invalid';

/** Length of a base64url (unpadded) HMAC-SHA256. */
export const MEDIA_SIGNATURE_LENGTH = 43;

// A purpose prefix keeps these MACs from ever colliding with another use of the same secret
// (a session cookie signed with it, say). Keys contain no newline, so the message is unambiguous.
const MESSAGE_PREFIX = 'tapeline-media-v1';

export function nowUnix(): number {
  return Math.floor(Date.now() / 1000);
}

export function signMediaPath(key: string, expiresAtUnix: number, secret: string): string {
  if (!secret) throw new Error('media signing secret is empty');
  if (!Number.isSafeInteger(expiresAtUnix) || expiresAtUnix < 0) {
    throw new Error(`media URL expiry must be a non-negative integer of unix seconds, got ${expiresAtUnix}`);
  }
  return createHmac('sha256', secret)
    .update(`${MESSAGE_PREFIX}\n${key}\n${expiresAtUnix}`)
    .digest('base64url');
}

/**
 * Checks a signature first, then the expiry, so `expired` is only ever said of a URL Tapeline issued.
 * `now` is unix seconds; a URL is valid while `now < exp`.
 */
export function verifyMediaSignature(
  key: string,
  exp: number,
  sig: string,
  secret: string,
  now: number = nowUnix(),
): MediaSignatureCheck {
  if (!Number.isSafeInteger(exp) || exp < 0) return 'invalid';
  const expected = Buffer.from(signMediaPath(key, exp, secret), 'utf8');
  // Compare the text, not decoded bytes: base64url decoding is lenient (the last character carries
  // spare bits, stray characters are skipped), so two different strings could decode alike.
  const given = Buffer.from(sig, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now < exp ? 'ok' : 'expired';
}

/** Encodes a storage key for a URL path, one segment at a time (a no-op for valid keys). */
export function encodeMediaKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

export function signedMediaUrl(options: {
  publicUrl: string;
  key: string;
  ttlSeconds: number;
  secret: string;
  /** Unix seconds; defaults to the clock. */
  now?: number;
}): string {
  const { publicUrl, key, ttlSeconds, secret, now = nowUnix() } = options;
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`media URL TTL must be a positive integer of seconds, got ${ttlSeconds}`);
  }
  const exp = now + ttlSeconds;
  const sig = signMediaPath(key, exp, secret);
  return `${publicUrl.replace(/\/+$/, '')}/media/${encodeMediaKey(key)}?exp=${exp}&sig=${sig}`;
}
