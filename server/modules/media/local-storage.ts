// Media on the local disk under one directory, played back through signed `/media/<key>` URLs.
import { randomUUID } from 'node:crypto';
import { createWriteStream, constants as fsConstants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isLeftBehind } from '../../lib/process';
import { signedMediaUrl } from './signing';
import { assertStoragePrefix, STORAGE_KEY_PATTERN, type MediaStorage, type StoredObject } from './storage';

export interface LocalStorageOptions {
  mediaDir: string;
  /** Origin (and optional base path) browsers reach the server at, e.g. `http://localhost:8080`. */
  publicUrl: string;
  signingSecret: string;
  urlTtlSeconds: number;
}

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Files being written live in `<media dir>/.incoming/` (a dot-name never matches STORAGE_KEY_PATTERN, so
 * they cannot be served), named `<pid>-<uuid>`, so that what a crashed process left there can be told
 * from what a running one is writing (`sweepTemporaries`).
 */
const INCOMING = '.incoming';

/**
 * Writes `target` through `write(tempPath)`: a temp file on the same file system, fsynced, then renamed,
 * so readers see the old file or the whole new one, never a partial one.
 */
async function writeAtomically(
  mediaDir: string,
  target: string,
  write: (tempPath: string) => Promise<unknown>,
): Promise<StoredObject> {
  await mkdir(dirname(target), { recursive: true });
  await mkdir(join(mediaDir, INCOMING), { recursive: true });
  const temp = join(mediaDir, INCOMING, `${process.pid}-${randomUUID()}`);
  try {
    await write(temp);
    // A copied file keeps its source's mode; what we store is for this user only.
    await chmod(temp, 0o600);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync(); // so a crash after rename cannot leave a named but empty file
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const stored = await stat(target);
  return { size: stored.size, lastModified: stored.mtime };
}

export function createLocalStorage(options: LocalStorageOptions): MediaStorage {
  const mediaDir = resolve(options.mediaDir);
  const { publicUrl, signingSecret, urlTtlSeconds } = options;

  function pathForKey(key: string): string {
    assertStorageKey(key);
    return join(mediaDir, ...key.split('/'));
  }

  return {
    kind: 'local',

    // The content type is not stored: serving derives it from the key (contentTypeForKey).
    async putFile(key, sourcePath, _contentType) {
      // copyFile runs in the kernel (copy_file_range / reflink where possible): constant memory.
      return writeAtomically(mediaDir, pathForKey(key), (temp) =>
        copyFile(sourcePath, temp, fsConstants.COPYFILE_EXCL),
      );
    },

    async putStream(key, source, _contentType) {
      return writeAtomically(mediaDir, pathForKey(key), (temp) =>
        pipeline(source, createWriteStream(temp, { flags: 'wx' })),
      );
    },

    async stat(key): Promise<StoredObject | null> {
      const target = pathForKey(key);
      try {
        const stored = await stat(target);
        if (!stored.isFile()) return null;
        return { size: stored.size, lastModified: stored.mtime };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      const target = pathForKey(key);
      try {
        await unlink(target);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },

    async list(prefix) {
      assertStoragePrefix(prefix);
      const dir = join(mediaDir, ...prefix.slice(0, -1).split('/'));
      let entries;
      try {
        entries = await readdir(dir, { recursive: true, withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(mediaDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .filter((key) => STORAGE_KEY_PATTERN.test(key)); // not the dot-named temp files of puts in flight
    },

    async deletePrefix(prefix) {
      assertStoragePrefix(prefix);
      await rm(join(mediaDir, ...prefix.slice(0, -1).split('/')), { recursive: true, force: true });
    },

    async sweepTemporaries(maxAgeMs) {
      const dir = join(mediaDir, INCOMING);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const path = join(dir, name);
        const stats = await stat(path).catch(() => null);
        if (stats && isLeftBehind(name, stats.mtime, maxAgeMs)) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      }
      return removed;
    },

    async read(key): Promise<Readable> {
      // Open first so a missing key rejects here instead of erroring later on the stream.
      const handle = await open(pathForKey(key), 'r');
      return handle.createReadStream();
    },

    async url(key) {
      return signedMediaUrl({ publicUrl, key, ttlSeconds: urlTtlSeconds, secret: signingSecret });
    },
  };
}
