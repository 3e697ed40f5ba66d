// Paging cursors are opaque to clients and signed, so a forged or edited one is a 400, not a wrong page.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function cursorCodec(secret: string) {
  const key = createHmac('sha256', secret).update('tapeline paging cursor').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    encode(value: unknown): string {
      const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    /** The value the cursor was made from, or null when it is not one this server signed. */
    decode(cursor: string): unknown {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) return null;
      const expected = Buffer.from(sign(payload));
      const actual = Buffer.from(signature);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
    },
  };
}
export type CursorCodec = ReturnType<typeof cursorCodec>;
