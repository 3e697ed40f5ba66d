// Single sign-on against a real OpenID provider on 127.0.0.1 (server/test/oidc-provider.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import {
  OIDC_CLIENT,
  signInAtProvider,
  startOidcProvider,
  type RunningOidcProvider,
} from '../../test/oidc-provider';

const PUBLIC_URL = 'http://tapeline.test';
const GROUP_MAP = {
  'cc-quality': { role: 'qa_manager', teams: ['Video Support', 'Escalations'] },
  'cc-agents-nordics': { role: 'agent', teams: ['Nordics'] },
};

describe.each(databaseKinds())('single sign-on with OpenID Connect on %s', (kind) => {
  let provider: RunningOidcProvider;
  let ctx: TestContext;
  let adminKey: string;
  beforeAll(async () => {
    provider = await startOidcProvider([`${PUBLIC_URL}/api/auth/oidc/callback`]);
    ctx = await createTestApp(kind, {
      env: {
        PUBLIC_URL,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_GROUP_MAP: JSON.stringify(GROUP_MAP),
        PASSWORD_LOGIN: '0',
      },
    });
    adminKey = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('admin', 'audit'))!.key;
  });
  afterAll(async () => {
    await ctx?.close();
    await provider?.stop();
  });

  /** Start at Tapeline, sign in at the provider, come back: the callback's answer. */
  async function signInThroughProvider(login: string, returnTo = '/') {
    const start = await ctx.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
    });
    expect(start.statusCode).toBe(302);
    const authorization = new URL(start.headers.location as string);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const flow = start.cookies.find((c) => c.name === 'tapeline_sso')!;
    const callback = new URL(await signInAtProvider(authorization.href, login));
    expect(callback.origin + callback.pathname).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    return ctx.app.inject({
      method: 'GET',
      url: callback.pathname + callback.search,
      headers: { cookie: `tapeline_sso=${flow.value}` },
    });
  }

  const me = (session: string) =>
    ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `tapeline_session=${session}` } });

  it('provisions a person on first sign-in with the mapped role and teams, and signs them in', async () => {
    const back = await signInThroughProvider('olivia.reyes', '/admin/scorecards');
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/admin/scorecards');
    const session = back.cookies.find((c) => c.name === 'tapeline_session')!;
    expect(session).toMatchObject({ httpOnly: true, path: '/' });

    const user = (await me(session.value)).json().data.user;
    expect(user).toMatchObject({
      username: 'olivia.reyes',
      first_name: 'Olivia',
      last_name: 'Reyes',
      role: 'qa_manager',
    });
    expect(user.teams.map((t: { name: string }) => t.name)).toEqual(['Escalations', 'Video Support']);

    // Someone changed her role here; the provider stays the source of truth at her next sign-in.
    await ctx.db.query(`update users set role = 'agent' where id = $1`, [user.id]);
    // The second sign-in finds the same person: no second user.
    const again = await signInThroughProvider('olivia.reyes');
    const sameUser = (await me(again.cookies.find((c) => c.name === 'tapeline_session')!.value)).json().data
      .user;
    expect(sameUser.id).toBe(user.id);
    const { rows } = await ctx.db.query(`select 1 from users where username = 'olivia.reyes'`);
    expect(rows).toHaveLength(1);

    // Each sign-in, the provisioning, the team it made and the role it put back are audited, as her.
    const audited = async (action: string) => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/audit?actor=olivia.reyes&action=${action}`,
        headers: { authorization: `Bearer ${adminKey}` },
      });
      return (response.json() as { data: AuditEntry[] }).data;
    };
    const signIns = await audited('auth.login_succeeded');
    expect(signIns.map((entry) => entry.details)).toEqual([{ via: 'sso' }, { via: 'sso' }]);
    expect(signIns[0]).toMatchObject({ actor: { id: user.id }, outcome: 'success', ip: '127.0.0.1' });
    const teamIds = user.teams.map((t: { id: string }) => t.id);
    expect(await audited('user.created')).toMatchObject([
      {
        resource: { type: 'user', id: user.id },
        details: { username: 'olivia.reyes', role: 'qa_manager', teams: teamIds, via: 'sso' },
      },
    ]);
    const escalations = user.teams.find((t: { name: string }) => t.name === 'Escalations').id;
    expect(await audited('team.created')).toMatchObject([
      { resource: { type: 'team', id: escalations }, details: { name: 'Escalations', via: 'sso' } },
    ]);
    expect(await audited('user.updated')).toMatchObject([
      { resource: { type: 'user', id: user.id }, details: { role: 'qa_manager', via: 'sso' } },
    ]);
  });

  it('refuses a person none of whose groups maps to a role, back on the login page, and creates nobody', async () => {
    const back = await signInThroughProvider('no.role');
    expect(back.statusCode).toBe(302);
    const location = new URL(back.headers.location as string, PUBLIC_URL);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('ssoError')).toMatch(/no Tapeline role/);
    expect(back.cookies.find((c) => c.name === 'tapeline_session')).toBeUndefined();
    const { rows } = await ctx.db.query(`select 1 from users where username = 'no.role'`);
    expect(rows).toHaveLength(0);
  });

  it('refuses a callback without its sign-in cookie, or with an altered one, and a provider error', async () => {
    for (const cookie of [undefined, 'tapeline_sso=forged.value']) {
      const back = await ctx.app.inject({
        method: 'GET',
        url: '/api/auth/oidc/callback?code=stolen&state=guessed',
        headers: cookie ? { cookie } : {},
      });
      expect(back.statusCode).toBe(302);
      expect(new URL(back.headers.location as string, PUBLIC_URL).searchParams.get('ssoError')).toMatch(
        /start again/,
      );
    }
    const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const flow = start.cookies.find((c) => c.name === 'tapeline_sso')!;
    const denied = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/oidc/callback?error=access_denied&error_description=Not+today',
      headers: { cookie: `tapeline_sso=${flow.value}` },
    });
    expect(new URL(denied.headers.location as string, PUBLIC_URL).searchParams.get('ssoError')).toMatch(
      /refused the sign-in: Not today/,
    );
  });

  it('with PASSWORD_LOGIN=0, password sign-in is refused and the login page is told to show only SSO', async () => {
    const options = await ctx.app.inject({ method: 'GET', url: '/api/auth/options' });
    expect(options.json().data).toEqual({ password: false, sso: { label: 'Sign in with single sign-on' } });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'tapeline' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().description).toMatch(/single sign-on/);
  });
});
