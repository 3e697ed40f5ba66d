// The running server's operator credential: DATA_DIR/run/server.json (mode 0600) holds the URL and a
// token this server process alone accepts, so the CLI on the same machine talks to it over HTTP instead
// of opening a database the server holds (the embedded PGlite can be opened by one process only).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning } from './process';

export interface OperatorCredential {
  url: string;
  token: string;
  pid: number;
}

const pathIn = (dataDir: string) => join(dataDir, 'run', 'server.json');

export async function writeOperatorCredential(dataDir: string, credential: OperatorCredential) {
  await mkdir(join(dataDir, 'run'), { recursive: true, mode: 0o700 });
  await writeFile(pathIn(dataDir), JSON.stringify(credential) + '\n', { mode: 0o600 });
}

/** The credential of a server that is running now; null when none is (no file, or its process is gone). */
export async function readOperatorCredential(dataDir: string): Promise<OperatorCredential | null> {
  let credential: Partial<OperatorCredential>;
  try {
    credential = JSON.parse(await readFile(pathIn(dataDir), 'utf8')) as Partial<OperatorCredential>;
  } catch {
    return null;
  }
  const { url, token, pid } = credential;
  if (typeof url !== 'string' || typeof token !== 'string' || typeof pid !== 'number') return null;
  return isRunning(pid) ? { url, token, pid } : null;
}

/** Removes the file if it is this process's (another server may have started on the DATA_DIR since). */
export async function removeOperatorCredential(dataDir: string) {
  const current = await readOperatorCredential(dataDir);
  if (current?.pid === process.pid) await rm(pathIn(dataDir), { force: true });
}
