// The read path under load, and sign-in floods against playback. Starts the product as `npm start` does
// (demo data, a demo API key) on embedded PGlite and on a durable PostgreSQL cluster, and nginx serving
// the very same JSON as a static file, then drives them with autocannon over loopback.
// Run: npx tsx bench/api.ts   (BENCH_SECONDS=10 per measurement; never pass/fail)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startTapeline, type RunningTapeline } from '../e2e/support/tapeline-server';
import { createDatabase, findPostgresBinDir, startPostgresCluster } from '../server/test/postgres-cluster';
import { startNginx } from './support/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FLOOD_CONNECTIONS = 20;

interface Row {
  label: string;
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: string;
}

function summarize(label: string, target: string, result: autocannon.Result): Row {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${count}×${code}`)
    .join(' ');
  return {
    label,
    target,
    connections: result.connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: result.errors ? `${statuses} ${result.errors}×error` : statuses,
  };
}

function load(url: string, connections: number, options: Partial<autocannon.Options> = {}) {
  return autocannon({ url, connections, duration: SECONDS, ...options });
}

/** The demo server's API key, an object with recordings, and a signed URL of one of them. */
async function demoTargets(server: RunningTapeline) {
  const key = /Demo API key \(admin\): (\S+)/.exec(server.output())?.[1];
  if (!key) throw new Error(`no demo API key in the output:\n${server.output()}`);
  const headers = { authorization: `Bearer ${key}` };
  const objects = (await (await fetch(`${server.url}/api/objects`, { headers })).json()) as {
    data: { objectId: string }[];
  };
  const activitiesPath = `/api/objects/${objects.data[0]!.objectId}/activities?activityType=27`;
  const activities = await fetch(server.url + activitiesPath, { headers });
  const body = await activities.text();
  const recordingUrl = (JSON.parse(body) as { data: { recordingUrl: string }[] }).data[0]!.recordingUrl;
  return { headers, activitiesPath, activitiesBody: body, recordingUrl };
}

/** The requests the SPA makes on the way to a recording, in that order. */
async function spaPath(server: RunningTapeline) {
  const { headers, activitiesPath, activitiesBody } = await demoTargets(server);
  const activityId = (JSON.parse(activitiesBody) as { data: { id: string }[] }).data[0]!.id;
  const objectPath = activitiesPath.split('/activities')[0]!;
  return {
    headers,
    paths: [
      '/api/me',
      '/api/queue',
      '/api/objects',
      activitiesPath,
      `${objectPath}/qa-summary`,
      `/api/activities/${activityId}/evaluations`,
    ],
  };
}

const pathLabel = (path: string) =>
  'GET ' + path.replace(/\/[0-9]+/g, '/{id}').replace('?activityType=27', '');

async function readPath(label: string, server: RunningTapeline, rows: Row[]) {
  const { headers, paths } = await spaPath(server);
  for (const connections of [1, 50]) {
    for (const path of paths) {
      rows.push(summarize(label, pathLabel(path), await load(server.url + path, connections, { headers })));
    }
  }
}

/** Media range and API latency at rest, then while FLOOD_CONNECTIONS clients try random usernames. */
async function flood(label: string, server: RunningTapeline, rows: Row[]) {
  const { headers, activitiesPath, recordingUrl } = await demoTargets(server);
  const media = () => load(recordingUrl, 1, { headers: { range: 'bytes=0-65535' } });
  const api = () => load(server.url + activitiesPath, 1, { headers });
  rows.push(summarize(`${label}, idle`, '64 KiB media range', await media()));
  rows.push(summarize(`${label}, idle`, 'GET activities', await api()));
  const attackers = load(`${server.url}/api/auth/login`, FLOOD_CONNECTIONS, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'guess-[<id>]', password: 'not-the-password' }),
    idReplacement: true,
    // Outlasts the two measurements below.
    duration: SECONDS * 2 + 2,
  });
  const [mediaUnderFlood, apiUnderFlood] = [await media(), await api()];
  rows.push(summarize(`${label}, flood`, '64 KiB media range', mediaUnderFlood));
  rows.push(summarize(`${label}, flood`, 'GET activities', apiUnderFlood));
  rows.push(summarize(`${label}, flood`, 'the flood: POST /api/auth/login', await attackers));
}

function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}\n`);
  console.log('| server | request | connections | req/s | p50 ms | p99 ms | answers |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.target} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.statuses} |`,
    );
  }
}

async function main() {
  const unlimited = { RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' };
  const readRows: Row[] = [];
  const floodRows: Row[] = [];

  // The product's own sign-in limits (startTapeline raises them for the end-to-end suite).
  const productLimits = {
    LOGIN_ATTEMPTS_PER_MINUTE: '10',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '30',
    LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE: '30',
  };
  const pglite = await startTapeline({ ...unlimited, ...productLimits });
  const { activitiesBody } = await demoTargets(pglite);
  try {
    await readPath('Tapeline, PGlite (one process)', pglite, readRows);
    await flood('PGlite, sign-in limits', pglite, floodRows);
  } finally {
    await pglite.stop();
  }

  // The hashing queue alone: sign-in limits out of the way, every attempt reaches scrypt.
  const hashingOnly = await startTapeline({
    ...unlimited,
    LOGIN_ATTEMPTS_PER_MINUTE: '100000000',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '100000000',
    LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE: '100000000',
  });
  try {
    await flood('PGlite, no sign-in limits', hashingOnly, floodRows);
  } finally {
    await hashingOnly.stop();
  }

  const binDir = findPostgresBinDir();
  if (binDir) {
    const cluster = await startPostgresCluster(binDir, { durable: true });
    try {
      // One process, then as many as the machine has cores (WORKERS' default with DATABASE_URL).
      for (const workers of ['1', String(availableParallelism())]) {
        // A database of its own, so that the demo (and its API key) is seeded afresh.
        const { url } = await createDatabase(cluster.url, `bench_workers_${workers}`);
        const server = await startTapeline({ ...unlimited, DATABASE_URL: url, WORKERS: workers });
        try {
          await readPath(`Tapeline, PostgreSQL, WORKERS=${workers}`, server, readRows);
        } finally {
          await server.stop();
        }
      }
    } finally {
      await cluster.stop();
    }
  } else {
    console.log('PostgreSQL is not installed: its rows are left out.');
  }

  const root = await mkdtemp(join(tmpdir(), 'tapeline-api-bench-'));
  await writeFile(join(root, 'activities.json'), activitiesBody);
  const nginx = await startNginx(root, { json: 'application/json' });
  try {
    for (const connections of [1, 50]) {
      const result = await load(`http://127.0.0.1:${nginx.port}/activities.json`, connections);
      readRows.push(summarize('nginx, static file', 'the same activities JSON', result));
    }
  } finally {
    await nginx.stop();
    await rm(root, { recursive: true, force: true });
  }

  printTable(`Read path, ${SECONDS} s per row (API key; demo data)`, readRows);
  printTable(`Sign-in flood: ${FLOOD_CONNECTIONS} clients, random usernames, one address`, floodRows);
}

await main();
