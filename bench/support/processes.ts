// The benchmarks' helpers for the servers they start as processes: waiting for a port, stopping a
// child, and nginx serving a directory (the reference every benchmark compares against).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../server/test/free-port';

const NGINX = '/usr/sbin/nginx';

export async function waitForPort(
  port: number,
  child: ChildProcess,
  name: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.pid === undefined) throw new Error(`${name} could not be started`);
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} before listening`);
    }
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    if (Date.now() > deadline) {
      throw new Error(`${name} did not listen on 127.0.0.1:${port} in ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  // No pid: it never started. Otherwise ask, then insist.
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** nginx serving `root` on 127.0.0.1 with `types` (extension → media type), as a static file server. */
export async function startNginx(root: string, types: Record<string, string>) {
  const port = await freePort();
  await mkdir(join(root, 'nginx-temp'), { recursive: true });
  const config = join(root, 'nginx.conf');
  await writeFile(
    config,
    [
      'daemon off;',
      'worker_processes 1;',
      process.getuid?.() === 0 ? 'user root;' : '',
      `pid ${join(root, 'nginx.pid')};`,
      `error_log ${join(root, 'nginx-error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      '  sendfile on;',
      '  tcp_nopush on;',
      `  types { ${Object.entries(types)
        .map(([extension, type]) => `${type} ${extension};`)
        .join(' ')} }`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${join(root, 'nginx-temp', kind)};`,
      ),
      `  server { listen 127.0.0.1:${port}; root ${root}; }`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', root, '-c', config, '-e', join(root, 'nginx-error.log')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('error', (error) => console.error(`could not start ${NGINX}: ${error.message}`));
  await waitForPort(port, child, 'nginx');
  return { port, stop: () => stopChild(child, 'SIGTERM') };
}
