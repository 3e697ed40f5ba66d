// Decides the answer to a GET or HEAD of a stored file: validators, preconditions (RFC 9110 §13) and
// the byte range (§14), as status, headers and which bytes to send. No I/O: the route opens the file.
//
// - The ETag is strong (`"<inode>-<size>-<mtime ns>"`, hex): media files are written once, to a temp
//   name, then renamed into place, so another content always has another inode or mtime. Being strong,
//   it works with If-Range, which RFC 9110 §13.1.5 allows with strong validators only.
// - Preconditions in the RFC's order (§13.2.2): If-Match, else If-Unmodified-Since → 412;
//   If-None-Match (weak comparison), else If-Modified-Since → 304; then If-Range (strong comparison
//   of the ETag, or exactly the Last-Modified date) decides whether the Range counts.
// - HEAD gets the headers a GET would get, range included.
import { selectRange } from './byte-ranges';

export interface FileValidators {
  size: number;
  /** Quoted, strong. */
  etag: string;
  /** HTTP-date, to the second. */
  lastModified: string;
}

export interface FileRequest {
  headers: Record<string, string | string[] | undefined>;
}

export type FileAnswer =
  | {
      status: 200 | 206;
      headers: Record<string, string>;
      /** Bytes [start, end) of the file form the body (sent for GET only). */
      start: number;
      end: number;
    }
  | { status: 304; headers: Record<string, string> }
  | { status: 412 }
  | { status: 416; headers: Record<string, string> };

const ENTITY_TAG = /(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"/g;

export function fileValidators(stat: {
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  mtimeMs: bigint;
}): FileValidators {
  const hex = (value: bigint) => value.toString(16);
  return {
    size: Number(stat.size),
    etag: `"${hex(stat.ino)}-${hex(stat.size)}-${hex(stat.mtimeNs)}"`,
    lastModified: new Date(Number(stat.mtimeMs)).toUTCString(),
  };
}

export function answerFileRequest(request: FileRequest, file: FileValidators): FileAnswer {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const lastModified = Date.parse(file.lastModified);

  const ifMatch = header('if-match');
  if (ifMatch !== undefined) {
    if (!matches(ifMatch, file.etag, 'strong')) return { status: 412 };
  } else {
    const unmodifiedSince = parseDate(header('if-unmodified-since'));
    if (unmodifiedSince !== null && lastModified > unmodifiedSince) return { status: 412 };
  }

  const validators = { ETag: file.etag, 'Last-Modified': file.lastModified, 'Accept-Ranges': 'bytes' };
  const ifNoneMatch = header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (matches(ifNoneMatch, file.etag, 'weak')) return { status: 304, headers: validators };
  } else {
    const modifiedSince = parseDate(header('if-modified-since'));
    if (modifiedSince !== null && lastModified <= modifiedSince) return { status: 304, headers: validators };
  }

  const whole = {
    status: 200 as const,
    headers: { ...validators, 'Content-Length': String(file.size) },
    start: 0,
    end: file.size,
  };
  const range = header('range');
  if (range === undefined || !rangeStillApplies(header('if-range'), file, lastModified)) return whole;
  const selection = selectRange(range, file.size);
  if (selection.kind === 'whole') return whole;
  if (selection.kind === 'unsatisfiable') {
    return { status: 416, headers: { 'Content-Range': `bytes */${file.size}` } };
  }
  const { start, end } = selection;
  return {
    status: 206,
    headers: {
      ...validators,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${file.size}`,
    },
    start,
    end: end + 1,
  };
}

/** If-Range: the range counts only for the very representation the client already has part of. */
function rangeStillApplies(ifRange: string | undefined, file: FileValidators, lastModified: number) {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/"')) return value === file.etag && isStrong(value);
  return parseDate(value) === lastModified;
}

/** `*` or a list of entity tags, compared strongly (If-Match) or weakly (If-None-Match). */
function matches(list: string, etag: string, comparison: 'strong' | 'weak'): boolean {
  if (list.trim() === '*') return true;
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  for (const tag of list.match(ENTITY_TAG) ?? []) {
    if (comparison === 'strong' ? isStrong(tag) && tag === etag : opaque(tag) === opaque(etag)) return true;
  }
  return false;
}

function isStrong(tag: string): boolean {
  return !tag.startsWith('W/');
}

function parseDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
