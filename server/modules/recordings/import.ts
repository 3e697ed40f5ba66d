// `tapeline import`: existing files become recordings through the same lifecycle as live calls
// (create → upload as one chunk → complete), so they are measured, repaired and imported once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { CreateRecordingRequest, Recording } from '../../../contract/recordings';
import { HttpError } from '../../lib/http';
import { OPERATOR } from '../auth/operator';
import type { RecordingsService } from './service';
import type { ContentRange } from './uploads';

/** Where a file goes: an existing conversation, or one found by its externalId or created. */
export type ImportTarget =
  { objectId: string } | { object: { externalId: string; title: string; team: string | null } };

export type ImportItem = ImportTarget & {
  agent: string;
  startedAt?: string;
  path: string;
};

export type ImportOutcome =
  | { path: string; result: 'imported' | 'already present'; activityId: string }
  | { path: string; result: 'failed'; reason: string };

/**
 * The recording lifecycle as the import uses it, as the operator: the services on the database directly,
 * or a running server's API (server/cli/http-backend.ts). Errors are thrown as HttpError.
 */
export interface RecordingsClient {
  create(input: CreateRecordingRequest): Promise<Recording>;
  upload(id: string, range: ContentRange & { total: number }, body: Readable): Promise<number>;
  complete(id: string): Promise<{ activityId: string }>;
}

/** The recordings service acting as the operator, for the CLI on the database directly. */
export function operatorRecordings(recordings: RecordingsService): RecordingsClient {
  return {
    create: async (input) => (await recordings.create(OPERATOR, input)).recording,
    upload: async (id, range, body) => (await recordings.upload(OPERATOR, id, range, body, null)).offset,
    complete: async (id) => ({ activityId: (await recordings.complete(OPERATOR, id)).activity.id! }),
  };
}

const MANIFEST_COLUMNS = [
  'objectId',
  'objectExternalId',
  'objectTitle',
  'objectTeam',
  'agent',
  'startedAt',
  'path',
];

/**
 * Parses a manifest whose header names its columns: `agent` and `path` (relative to the manifest), and
 * either `objectId` or `objectExternalId` with `objectTitle` (and optionally `objectTeam`, a team id) for
 * conversations that may not exist yet; `startedAt` is optional. Per row, `objectId` wins when both are set.
 */
export async function readManifest(manifestPath: string): Promise<ImportItem[]> {
  const lines = (await readFile(manifestPath, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = parseCsvLine(lines.shift() ?? '');
  const unknown = header.filter((column) => !MANIFEST_COLUMNS.includes(column));
  const hasObject = header.includes('objectId') || header.includes('objectExternalId');
  if (unknown.length > 0 || !header.includes('agent') || !header.includes('path') || !hasObject) {
    throw new Error(
      `${manifestPath}: the first line must name the columns: agent, path, objectId and/or objectExternalId ` +
        `(with objectTitle, optional objectTeam), optional startedAt${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}.`,
    );
  }
  return lines.map((line, index) => {
    const cells = parseCsvLine(line);
    if (cells.length !== header.length) {
      throw new Error(
        `${manifestPath}:${index + 2}: expected ${header.length} columns, found ${cells.length}.`,
      );
    }
    const cell = (column: string) => cells[header.indexOf(column)] || undefined;
    const where = `${manifestPath}:${index + 2}`;
    const path = resolve(dirname(manifestPath), cell('path') ?? '');
    const common = { agent: cell('agent') ?? '', startedAt: cell('startedAt'), path };
    const objectId = cell('objectId');
    if (objectId) return { ...common, objectId };
    const externalId = cell('objectExternalId');
    const title = cell('objectTitle');
    if (!externalId || !title) {
      throw new Error(`${where}: give objectId, or objectExternalId and objectTitle.`);
    }
    return { ...common, object: { externalId, title, team: cell('objectTeam') ?? null } };
  });
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

async function sha256Of(path: string) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A text progress bar on a terminal; plain start/end lines when stderr is a file or pipe. */
function progressReporter(stream: NodeJS.WriteStream, label: string, total: number) {
  const width = 30;
  return {
    update(done: number) {
      if (!stream.isTTY) return;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label}`,
      );
    },
    finish(line: string) {
      stream.write(stream.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

/**
 * Imports one file through `recordings`. `teamOf` answers the team for a new conversation whose item names
 * none (the agent's first team).
 */
export async function importRecording(
  recordings: RecordingsClient,
  item: ImportItem,
  teamOf: (agent: string) => Promise<string>,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<ImportOutcome> {
  const { path } = item;
  try {
    const size = (await stat(path)).size;
    const target =
      'objectId' in item
        ? { objectId: item.objectId }
        : {
            object: {
              externalId: item.object.externalId,
              title: item.object.title,
              team: item.object.team ?? (await teamOf(item.agent)),
              agent: item.agent,
            },
          };
    const where = 'objectId' in item ? item.objectId : `external:${item.object.externalId}`;
    const externalId = `import:${await sha256Of(path)}:${where}`;
    const recording = await recordings.create({
      ...target,
      agent: item.agent,
      startedAt: item.startedAt,
      externalId,
    });
    if (recording.status === 'completed') {
      return { path, result: 'already present', activityId: recording.activityId! };
    }
    if (recording.status === 'failed') {
      return { path, result: 'failed', reason: recording.failureReason ?? 'failed earlier' };
    }
    // A previous run may have stopped half-way: continue from the server's offset.
    let offset = recording.offset ?? 0;
    const progress = progressReporter(stderr, path, size);
    if (offset < size) {
      let sent = offset;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          sent += chunk.length;
          progress.update(sent);
          callback(null, chunk);
        },
      });
      const body = createReadStream(path, { start: offset }).pipe(counter);
      offset = await recordings.upload(recording.id, { start: offset, end: size - 1, total: size }, body);
    }
    const { activityId } = await recordings.complete(recording.id);
    progress.finish(`imported ${path} → activity ${activityId}`);
    return { path, result: 'imported', activityId };
  } catch (error) {
    const reason = error instanceof HttpError || error instanceof Error ? error.message : String(error);
    return { path, result: 'failed', reason };
  }
}

export function summarise(outcomes: ImportOutcome[]) {
  const count = (result: ImportOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return `${count('imported')} imported, ${count('already present')} already present, ${count('failed')} failed`;
}
