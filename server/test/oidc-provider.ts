// A real OpenID provider (`oidc-provider`, with its development sign-in pages) on 127.0.0.1 for the
// single sign-on tests: one confidential client, and people whose groups the tests map to roles.
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './free-port';

export const OIDC_CLIENT = { id: 'tapeline', secret: 'tapeline-test-client-secret' };

/** The provider's people: any login signs in as that person; these carry names and groups. */
const PEOPLE: Record<string, { given_name: string; family_name: string; groups: string[] }> = {
  'olivia.reyes': { given_name: 'Olivia', family_name: 'Reyes', groups: ['cc-quality', 'staff'] },
  'bo.lindqvist': { given_name: 'Bo', family_name: 'Lindqvist', groups: ['cc-agents-nordics'] },
  'no.role': { given_name: 'No', family_name: 'Role', groups: ['staff'] },
};

export interface RunningOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** `port`: when the app must know the issuer before it is started (the e2e spec). */
export async function startOidcProvider(redirectUris: string[], port?: number): Promise<RunningOidcProvider> {
  port ??= await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    // Put the profile in the ID token, as identity providers configured for an app usually do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['tapeline-test-cookie-key'] },
    findAccount: async (_ctx, id) => {
      const person = PEOPLE[id];
      return {
        accountId: id,
        claims: async () => ({
          sub: `subject-${id}`,
          preferred_username: id,
          email: `${id}@example.test`,
          given_name: person?.given_name ?? id,
          family_name: person?.family_name ?? '',
          name: `${person?.given_name ?? id} ${person?.family_name ?? ''}`.trim(),
          groups: person?.groups ?? [],
        }),
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    issuer,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Goes through the provider's sign-in pages as a browser would (the login form, then consent), from
 * the authorization URL to the redirect back to the app; answers that redirect's URL.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 12; step += 1) {
    const response = await send(url);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form:\n${page}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const form = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt! },
    );
    const submitted = await send(new URL(action, url).href, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    url = new URL(submitted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
