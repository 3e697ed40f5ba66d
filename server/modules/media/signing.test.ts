import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEDIA_SIGNATURE_LENGTH, signMediaPath, signedMediaUrl, verifyMediaSignature } from './signing';
import { STORAGE_KEY_PATTERN } from './storage';

const secret = 'signing-test-secret';
const key = 'recordings/2025/01/3f1c.webm';
const now = 1_750_000_000;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function withCharChanged(text: string, index: number, offset = 1): string {
  const current = BASE64URL.indexOf(text[index] ?? 'A');
  const replacement = BASE64URL[(current + offset) % BASE64URL.length] ?? 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

const segmentChar = fc.constantFrom(...'abcXYZ019._-');
const segment = fc
  .tuple(fc.constantFrom(...'aZ0'), fc.string({ unit: segmentChar, maxLength: 12 }))
  .map(([first, rest]) => first + rest);
const storageKey = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'))
  .filter((candidate) => STORAGE_KEY_PATTERN.test(candidate));

describe('signMediaPath', () => {
  it('is a deterministic, unpadded base64url HMAC-SHA256', () => {
    const sig = signMediaPath(key, now + 60, secret);
    expect(sig).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sig).toHaveLength(MEDIA_SIGNATURE_LENGTH);
    expect(signMediaPath(key, now + 60, secret)).toBe(sig);
  });

  it('depends on the key, the expiry and the secret', () => {
    const sig = signMediaPath(key, now + 60, secret);
    expect(signMediaPath(`${key}x`, now + 60, secret)).not.toBe(sig);
    expect(signMediaPath(key, now + 61, secret)).not.toBe(sig);
    expect(signMediaPath(key, now + 60, `${secret}x`)).not.toBe(sig);
  });

  it('refuses an empty secret and an expiry that is not whole unix seconds', () => {
    expect(() => signMediaPath(key, now, '')).toThrow(/secret/);
    expect(() => signMediaPath(key, 1.5, secret)).toThrow(/expiry/);
    expect(() => signMediaPath(key, -1, secret)).toThrow(/expiry/);
    expect(() => signMediaPath(key, Number.NaN, secret)).toThrow(/expiry/);
  });
});

describe('verifyMediaSignature', () => {
  const exp = now + 600;
  const sig = signMediaPath(key, exp, secret);

  it('accepts a URL it signed until the expiry second', () => {
    expect(verifyMediaSignature(key, exp, sig, secret, now)).toBe('ok');
    expect(verifyMediaSignature(key, exp, sig, secret, exp - 1)).toBe('ok');
  });

  it('calls a genuine URL expired from the expiry second on', () => {
    expect(verifyMediaSignature(key, exp, sig, secret, exp)).toBe('expired');
    expect(verifyMediaSignature(key, exp, sig, secret, exp + 86_400)).toBe('expired');
  });

  it('calls an altered URL invalid, even when it is also expired', () => {
    expect(verifyMediaSignature('recordings/other.webm', exp, sig, secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp + 1, sig, secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp, sig, 'another-secret', now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp, withCharChanged(sig, 0), secret, exp + 10)).toBe('invalid');
  });

  it('rejects truncated, padded, empty and non-base64url signatures', () => {
    expect(verifyMediaSignature(key, exp, sig.slice(0, -1), secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp, `${sig}=`, secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp, '', secret, now)).toBe('invalid');
    const standardBase64 = Buffer.from(sig, 'base64url').toString('base64');
    expect(verifyMediaSignature(key, exp, standardBase64, secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, exp, `${sig.slice(0, -1)}é`, secret, now)).toBe('invalid');
  });

  it('compares the text, so a last character with the same decoded bits is still rejected', () => {
    // The 43rd character carries 4 bits of the digest and 2 padding bits: the next character in the
    // alphabet usually decodes to the very same 32 bytes.
    const sameBytes = withCharChanged(sig, MEDIA_SIGNATURE_LENGTH - 1);
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    expect(verifyMediaSignature(key, exp, sameBytes, secret, now)).toBe('invalid');
  });

  it('rejects an expiry that is not whole unix seconds instead of throwing', () => {
    expect(verifyMediaSignature(key, Number.NaN, sig, secret, now)).toBe('invalid');
    expect(verifyMediaSignature(key, -5, sig, secret, now)).toBe('invalid');
  });

  it('property: every signed URL verifies, and any one changed character does not', () => {
    fc.assert(
      fc.property(
        storageKey,
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.nat({ max: MEDIA_SIGNATURE_LENGTH - 1 }),
        fc.integer({ min: 1, max: BASE64URL.length - 1 }),
        (anyKey, anyExp, position, offset) => {
          const anySig = signMediaPath(anyKey, anyExp, secret);
          expect(verifyMediaSignature(anyKey, anyExp, anySig, secret, anyExp - 1)).toBe('ok');
          const altered = withCharChanged(anySig, position, offset);
          expect(verifyMediaSignature(anyKey, anyExp, altered, secret, anyExp - 1)).toBe('invalid');
        },
      ),
    );
  });
});

describe('signedMediaUrl', () => {
  it('builds an absolute URL whose query verifies for the key', () => {
    const url = new URL(
      signedMediaUrl({ publicUrl: 'https://tapeline.example/', key, ttlSeconds: 900, secret, now }),
    );
    expect(url.origin).toBe('https://tapeline.example');
    expect(url.pathname).toBe(`/media/${key}`);
    expect(url.searchParams.get('exp')).toBe(String(now + 900));
    const sig = url.searchParams.get('sig') ?? '';
    expect(verifyMediaSignature(key, now + 900, sig, secret, now)).toBe('ok');
  });

  it('keeps a base path of the public URL', () => {
    const url = signedMediaUrl({
      publicUrl: 'https://example.com/tapeline',
      key,
      ttlSeconds: 60,
      secret,
      now,
    });
    expect(url.startsWith('https://example.com/tapeline/media/recordings/2025/01/3f1c.webm?exp=')).toBe(true);
  });

  it('uses the clock when no time is given', () => {
    const before = Math.floor(Date.now() / 1000);
    const url = new URL(signedMediaUrl({ publicUrl: 'http://localhost:8080', key, ttlSeconds: 60, secret }));
    const exp = Number(url.searchParams.get('exp'));
    expect(exp).toBeGreaterThanOrEqual(before + 60);
    expect(exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
  });

  it('refuses keys that are not storage keys and lifetimes that are not positive', () => {
    for (const badKey of ['../etc/passwd', '/abs.webm', 'a\\b.webm', 'a/../b.webm', '', '.hidden']) {
      expect(() => signedMediaUrl({ publicUrl: 'http://x', key: badKey, ttlSeconds: 60, secret })).toThrow(
        /invalid storage key/,
      );
    }
    expect(() => signedMediaUrl({ publicUrl: 'http://x', key, ttlSeconds: 0, secret })).toThrow(/TTL/);
    expect(() => signedMediaUrl({ publicUrl: 'http://x', key, ttlSeconds: 1.5, secret })).toThrow(/TTL/);
  });
});
