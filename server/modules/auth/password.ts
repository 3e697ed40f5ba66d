// Password hashing with scrypt: memory-hard, built into Node (no native addon to install).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { HttpError } from '../../lib/http';
import { QueueFullError, workQueue } from '../../lib/work-queue';

// N=2^15, r=8 needs 32 MiB per hash: slow for a GPU farm, ~50 ms for a login.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !key) {
    // Same work for unknown users as for known ones, so timing does not reveal which usernames exist.
    await scrypt(password, Buffer.alloc(16), PARAMS);
    return false;
  }
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Hashing bounded by its own queue: scrypt is CPU- and memory-hard and runs on libuv's thread pool,
 * which also reads media files. At most `concurrency` hashes run at once and a few wait; beyond that a
 * sign-in is refused at once with 503 and Retry-After, so a flood of attempts cannot take the
 * machine from the people playing recordings.
 */
export function passwordHasher(concurrency = Math.max(1, Math.floor(availableParallelism() / 2))) {
  const queue = workQueue({ concurrency, maxWaiting: concurrency * 8 });
  const bounded = async <T>(work: () => Promise<T>) => {
    try {
      return await queue.run(work);
    } catch (error) {
      if (error instanceof QueueFullError) {
        throw new HttpError(503, 'Too many sign-ins at once; retry in a second.', { 'retry-after': '1' });
      }
      throw error;
    }
  };
  return {
    hash: (password: string) => bounded(() => hashPassword(password)),
    verify: (password: string, stored: string | null) => bounded(() => verifyPassword(password, stored)),
  };
}
export type PasswordHasher = ReturnType<typeof passwordHasher>;
