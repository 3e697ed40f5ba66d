// `tapeline import`: existing files become recordings through the same lifecycle as live calls
// (create → upload as one chunk → complete), so they are measured, repaired and imported once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { HttpError } from '../../lib/http';
import { OPERATOR } from '../auth/operator';
import type { RecordingsService } from './service';

export interface ImportItem {
  objectId: string;
  agent: string;
  startedAt?: string;
  path: string;
}

export type ImportOutcome =
  | { path: string; result: 'imported' | 'already present'; activityId: string }
  | { path: string; result: 'failed'; reason: string };

/** Parses a manifest with the header `objectId,agent,startedAt,path`; paths are relative to the manifest. */
export async function readManifest(manifestPath: string): Promise<ImportItem[]> {
  const lines = (await readFile(manifestPath, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines
    .shift()
    ?.split(',')
    .map((cell) => cell.trim());
  if (header?.join(',') !== 'objectId,agent,startedAt,path') {
    throw new Error(`${manifestPath}: the first line must be "objectId,agent,startedAt,path".`);
  }
  return lines.map((line, index) => {
    const cells = parseCsvLine(line);
    if (cells.length !== 4) {
      throw new Error(`${manifestPath}:${index + 2}: expected 4 columns, found ${cells.length}.`);
    }
    const [objectId, agent, startedAt, path] = cells as [string, string, string, string];
    return {
      objectId,
      agent,
      startedAt: startedAt || undefined,
      path: resolve(dirname(manifestPath), path),
    };
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

export async function importRecording(
  recordings: RecordingsService,
  item: ImportItem,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<ImportOutcome> {
  const { path } = item;
  try {
    const size = (await stat(path)).size;
    const externalId = `import:${await sha256Of(path)}:${item.objectId}`;
    const { recording } = await recordings.create(OPERATOR, {
      objectId: item.objectId,
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
      offset = (
        await recordings.upload(
          OPERATOR,
          recording.id,
          { start: offset, end: size - 1, total: size },
          body,
          null,
        )
      ).offset;
    }
    const { activity } = await recordings.complete(OPERATOR, recording.id);
    progress.finish(`imported ${path} → activity ${activity.id}`);
    return { path, result: 'imported', activityId: activity.id! };
  } catch (error) {
    const reason = error instanceof HttpError || error instanceof Error ? error.message : String(error);
    return { path, result: 'failed', reason };
  }
}

export function summarise(outcomes: ImportOutcome[]) {
  const count = (result: ImportOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return `${count('imported')} imported, ${count('already present')} already present, ${count('failed')} failed`;
}
