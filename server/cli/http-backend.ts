// The CLI talking to the server running on this DATA_DIR, with the operator token it wrote at start.
import { Readable } from 'node:stream';
import type { CompletedRecording, Recording } from '../../contract/recordings';
import type { Team, User } from '../../contract/users';
import type { OperatorCredential } from '../lib/operator-credential';
import { HttpError } from '../lib/http';
import type { OperatorBackend } from './backend';

/** A backend on the running server, or null when it does not answer (it is stopping, or not ours). */
export async function httpBackend(credential: OperatorCredential): Promise<OperatorBackend | null> {
  const authorization = `Bearer ${credential.token}`;

  async function call<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${credential.url}/api${path}`, {
      method,
      ...init,
      headers: { authorization, ...(init.headers as Record<string, string>) },
    });
    const body = (await response.json().catch(() => null)) as { data?: T; description?: string } | null;
    if (!response.ok) {
      throw new HttpError(
        response.status as HttpError['statusCode'],
        body?.description ?? `The server answered ${response.status}.`,
      );
    }
    return body!.data as T;
  }
  const json = (payload: unknown): RequestInit => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });

  try {
    await call('GET', '/me');
  } catch (error) {
    if (error instanceof HttpError) throw error;
    return null; // not reachable: the database is the way
  }

  return {
    via: `the server at ${credential.url}`,
    createUser: (input) => call('POST', '/users', json(input)),
    listUsers: () => call<User[]>('GET', '/users'),
    createTeam: (name) => call<Team>('POST', '/teams', json({ name })),
    createApiKey: (userId, name) => call('POST', `/users/${userId}/api-keys`, json({ name })),
    recordings: {
      create: (input) => call<Recording>('POST', '/recordings', json(input)),
      async upload(id, range, body) {
        const progress = await call<{ offset: number }>('PUT', `/recordings/${id}/content`, {
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': `bytes ${range.start}-${range.end}/${range.total}`,
          },
          body: Readable.toWeb(body) as ReadableStream,
          duplex: 'half',
        } as RequestInit);
        return progress.offset;
      },
      async complete(id) {
        const completed = await call<CompletedRecording>('POST', `/recordings/${id}/complete`, json({}));
        return { activityId: completed.activity.id! };
      },
    },
    close: async () => undefined,
  };
}
