// Media in an S3-compatible bucket, played back straight from the store: presigned or direct URLs.
import { createReadStream } from 'node:fs';
import { stat as statFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertStorageKey } from './local-storage';
import { assertStoragePrefix, type MediaStorage, type StoredObject } from './storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, R2, …); AWS's regional endpoint when omitted. */
  endpoint: string | undefined;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
  /**
   * `presigned`: every URL is signed for `urlTtlSeconds` (private bucket; the player refreshes the URL
   * before `X-Amz-Date` + `X-Amz-Expires`). `direct`: the plain object URL, for a public-read bucket or
   * a CDN in front of it; nothing expires and nothing is signed.
   */
  urlMode: 'presigned' | 'direct';
  urlTtlSeconds: number;
  /** Tests pass these; in production the AWS SDK's default chain finds them (AWS_ACCESS_KEY_ID, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface S3MediaStorage extends MediaStorage {
  readonly kind: 's3';
  /** Rejects when the bucket cannot be reached with these settings and credentials (HeadBucket). */
  checkBucket(): Promise<void>;
  /** Closes the client's sockets. */
  close(): void;
}

// Multipart parts: S3 wants at least 5 MiB per part and at most 10,000 parts, so 16 MiB parts cover
// recordings up to ~156 GiB; queueSize parts in flight bound the memory to ~64 MiB whatever the size.
const PART_SIZE = 16 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey';
}

/** The object's address without a signature: what a browser uses for a public bucket or a CDN. */
export function directObjectUrl(
  options: Pick<S3StorageOptions, 'bucket' | 'region' | 'endpoint' | 'forcePathStyle'>,
  key: string,
): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  if (!options.endpoint) {
    return options.forcePathStyle
      ? `https://s3.${options.region}.amazonaws.com/${options.bucket}/${path}`
      : `https://${options.bucket}.s3.${options.region}.amazonaws.com/${path}`;
  }
  const endpoint = new URL(options.endpoint);
  const base = endpoint.pathname.replace(/\/+$/, '');
  if (options.forcePathStyle) return `${endpoint.origin}${base}/${options.bucket}/${path}`;
  return `${endpoint.protocol}//${options.bucket}.${endpoint.host}${base}/${path}`;
}

export function createS3Storage(options: S3StorageOptions): S3MediaStorage {
  const { bucket, urlMode, urlTtlSeconds } = options;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    // Since January 2025 the SDK adds CRC checksums to every upload, which several S3-compatible stores
    // refuse (MinIO versions, R2, B2, Ceph). Off a custom endpoint they are sent only where the API
    // requires them, as Velero, rqlite and others do; AWS keeps them. putFile still checks the size.
    ...(options.endpoint
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });

  async function head(key: string): Promise<StoredObject | null> {
    assertStorageKey(key);
    try {
      const object = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: object.ContentLength ?? 0, lastModified: object.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function listKeys(prefix: string): Promise<string[]> {
    assertStoragePrefix(prefix);
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return keys;
  }

  return {
    kind: 's3',

    async putFile(key, sourcePath, contentType) {
      assertStorageKey(key);
      const source = await statFile(sourcePath);
      // Upload sends one PutObject for a file smaller than a part, else a multipart upload that it
      // aborts on failure, so a failed put leaves no object and no orphaned parts behind.
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: createReadStream(sourcePath), ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
      });
      await upload.done();
      const stored = await head(key);
      if (!stored || stored.size !== source.size) {
        throw new Error(
          `S3 stored ${stored?.size ?? 'nothing'} bytes for ${key}, the file has ${source.size} bytes`,
        );
      }
      return stored;
    },

    async putStream(key, source, contentType) {
      assertStorageKey(key);
      // The size is not known in advance: Upload buffers one part at a time (one PutObject when the
      // body is smaller than a part), and aborts the multipart upload when `source` errors.
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: source, ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
      });
      await upload.done();
      const stored = await head(key);
      if (!stored) throw new Error(`S3 stored nothing for ${key}`);
      return stored;
    },

    stat: head,

    async delete(key) {
      assertStorageKey(key);
      // DeleteObject succeeds on a missing key (S3 semantics), which is what callers want.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    list: listKeys,

    async deletePrefix(prefix) {
      // One DeleteObject per key rather than DeleteObjects: the batch call needs a Content-MD5/CRC
      // checksum that several S3-compatible stores handle differently, and a prefix here holds few keys.
      for (const key of await listKeys(prefix)) {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
    },

    async read(key): Promise<Readable> {
      assertStorageKey(key);
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      // In Node the SDK's body is an http.IncomingMessage, i.e. a Readable.
      return object.Body as Readable;
    },

    async url(key) {
      assertStorageKey(key);
      if (urlMode === 'direct') return directObjectUrl(options, key);
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: urlTtlSeconds,
      });
    },

    // Nothing of ours to sweep: see MediaStorage.sweepTemporaries.
    sweepTemporaries: async () => 0,

    async checkBucket() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },

    close() {
      client.destroy();
    },
  };
}
