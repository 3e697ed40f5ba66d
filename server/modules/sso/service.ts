// Single sign-on with OpenID Connect (Authorization Code + PKCE, openid-client): send the person to the
// provider, and on their return provision or update them from the ID token's claims and start a session.
// What the claims change (a user provisioned, a role or teams that follow the provider, a team made by
// name) is audited here, as no request declares it; the sign-in itself is declared on the route.
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config';
import type { Database } from '../../db/database';
import type { Log } from '../../lib/log';
import type { AuditContext, AuditEvent, AuditTrail } from '../audit/trail';
import type { AuthService } from '../auth/service';
import { usersRepo } from '../users/repo';
import { mapClaims } from './claims';
import { FLOW_TTL_SECONDS, openFlow, sealFlow } from './flow-cookie';
import { ssoRepo } from './repo';

/** A sign-in that cannot go on, in words for the person (shown on the login page). */
export class SsoRefusal extends Error {}

/** Only paths of this app: never another site (an open redirect). */
export const safeReturnTo = (value: string | undefined) =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

export function ssoService(deps: {
  db: Database;
  auth: AuthService;
  config: OidcConfig;
  publicUrl: string;
  signingSecret: string;
  log: Log;
  trail: AuditTrail;
}) {
  const { db, auth, config, signingSecret, log, trail } = deps;
  const redirectUri = `${deps.publicUrl}/api/auth/oidc/callback`;
  let discovered: Promise<oidc.Configuration> | null = null;

  /** The provider's metadata, fetched on first use (and again after a failure), not at start. */
  function provider() {
    discovered ??= oidc
      .discovery(
        new URL(config.issuer),
        config.clientId,
        config.clientSecret,
        undefined,
        // A provider on plain http is for tests and local trials only; production issuers are https.
        new URL(config.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  }

  return {
    /** Where to send the browser, and the cookie that remembers this sign-in until it returns. */
    async begin(returnTo: string | undefined) {
      let configuration: oidc.Configuration;
      try {
        configuration = await provider();
      } catch (error) {
        log.error({ err: error }, 'OpenID provider discovery failed');
        throw new SsoRefusal('The single sign-on provider cannot be reached. Try again in a moment.');
      }
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      const cookie = sealFlow(signingSecret, {
        state,
        codeVerifier,
        returnTo: safeReturnTo(returnTo),
        expiresAt: Date.now() + FLOW_TTL_SECONDS * 1000,
      });
      return { url: url.href, cookie };
    },

    /** The provider sent the person back to `callbackUrl`: check it, then sign them in. */
    async finish(callbackUrl: URL, flowCookie: string | undefined, from: Omit<AuditContext, 'actor'> = {}) {
      const flow = openFlow(signingSecret, flowCookie);
      if (!flow)
        throw new SsoRefusal('This sign-in took too long or was started elsewhere. Please start again.');
      const providerError = callbackUrl.searchParams.get('error');
      if (providerError) {
        const said = callbackUrl.searchParams.get('error_description');
        throw new SsoRefusal(`The single sign-on provider refused the sign-in${said ? `: ${said}` : '.'}`);
      }
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(await provider(), callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
        });
        claims = { ...tokens.claims() };
      } catch (error) {
        log.warn({ err: error }, 'OpenID sign-in failed at the code exchange');
        throw new SsoRefusal('The single sign-on answer could not be verified. Please start again.');
      }
      const person = mapClaims(claims, config);
      if (!person.role) {
        throw new SsoRefusal(
          'Your account has no Tapeline role: none of your groups is mapped to one. Ask your administrator.',
        );
      }
      const role = person.role;
      const { user, before, teams, createdTeams } = await db.transaction(async (tx) => {
        const repo = ssoRepo(tx);
        const known = await repo.findBySubject(person.subject);
        const teamIdsOf = async (userId: string) =>
          (await usersRepo(tx).teamsOf(userId)).map((team) => team.id);
        const before = known && { role: known.role, teams: await teamIdsOf(known.id) };
        let id = known?.id;
        if (known) {
          if (!known.active)
            throw new SsoRefusal('Your Tapeline account is deactivated. Ask your administrator.');
          await repo.update(known.id, { ...person, role });
        } else {
          if (await repo.usernameTaken(person.username)) {
            throw new SsoRefusal(
              `The username "${person.username}" belongs to an account that signs in with a password. Ask your administrator.`,
            );
          }
          id = (await repo.insert({ ...person, role })) ?? undefined;
          if (!id)
            throw new SsoRefusal('Signing in at the same moment elsewhere got in the way. Please try again.');
        }
        const createdTeams = await repo.setTeamsByName(id!, person.teams);
        return {
          user: (await repo.findBySubject(person.subject))!,
          before,
          teams: await teamIdsOf(id!),
          createdTeams,
        };
      });
      const changed = (event: Omit<AuditEvent, 'actor' | 'ip' | 'userAgent'>) =>
        trail.record({
          ...event,
          ...from,
          actor: { id: user.id, username: user.username },
          details: { ...event.details, via: 'sso' },
        });
      for (const team of createdTeams) {
        changed({
          action: 'team.created',
          resource: { type: 'team', id: team.id },
          details: { name: team.name },
        });
      }
      const resource = { type: 'user', id: user.id };
      if (!before) {
        changed({ action: 'user.created', resource, details: { username: user.username, role, teams } });
      } else {
        const sameTeams =
          before.teams.length === teams.length && teams.every((t) => before.teams.includes(t));
        const changes = { ...(before.role === role ? {} : { role }), ...(sameTeams ? {} : { teams }) };
        if (Object.keys(changes).length > 0) changed({ action: 'user.updated', resource, details: changes });
      }
      const session = await auth.startSession(user);
      return { ...session, returnTo: flow.returnTo };
    },
  };
}
export type SsoService = ReturnType<typeof ssoService>;
