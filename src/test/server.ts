// The stand-in API for component tests: msw answers fetch with CommBox envelopes.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Session } from '../../contract/auth';

// Every page may ask how people sign in; password sign-in without single sign-on unless a test says.
export const server = setupServer(
  http.get('/api/auth/options', () => envelope({ password: true, sso: null })),
);

export function envelope<Data>(data: Data, init?: ResponseInit) {
  return HttpResponse.json(
    { status: 200, description: 'Operation successful', response_time: new Date().toISOString(), data },
    init,
  );
}

export function errorEnvelope(status: number, description: string) {
  return HttpResponse.json({ status, description, response_time: new Date().toISOString() }, { status });
}

export const demoSession: Session = {
  user: {
    id: '7',
    username: 'qa',
    first_name: 'Quinn',
    last_name: 'Avery',
    role: 'qa_manager',
    teams: [{ id: '1', name: 'Support EMEA' }],
  },
  csrfToken: 'csrf-token-for-tests',
};
