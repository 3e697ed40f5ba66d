// The sign-in in progress, between the redirect to the provider and its callback: state, PKCE verifier
// and where to land afterwards, in a short-lived cookie signed with the shared secret. Nothing is kept
// in memory, so the callback may reach any instance.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const FLOW_COOKIE = 'tapeline_sso';
export const FLOW_TTL_SECONDS = 600;

export interface SignInFlow {
  state: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: number;
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`sso-flow:${payload}`).digest('base64url');

export function sealFlow(secret: string, flow: SignInFlow): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The flow, or null when the cookie is missing, altered or expired. */
export function openFlow(secret: string, cookie: string | undefined, now = Date.now()): SignInFlow | null {
  const [payload, signature] = (cookie ?? '').split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString()) as SignInFlow;
    return flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}
