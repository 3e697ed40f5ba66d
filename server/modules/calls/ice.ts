// The ICE configuration both parties connect with: ICE_SERVERS as configured, plus a TURN entry whose
// credentials are minted here from coturn's shared secret (`use-auth-secret`, the "TURN REST API"):
// username `<expiry>:<label>`, password base64(HMAC-SHA1(secret, username)). They expire on their own.
import { createHmac } from 'node:crypto';
import type { IceConfig } from '../../../contract/calls';
import type { CallsConfig } from '../../config';

export function turnCredentials(secret: string, label: string, ttlSeconds: number, now = Date.now()) {
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiry}:${label}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: new Date(expiry * 1000) };
}

export function iceConfig(config: CallsConfig, label: string): IceConfig {
  const iceServers: IceConfig['iceServers'] = config.iceServers.map((server) => ({ ...server }));
  if (!config.turn) return { iceServers, iceTransportPolicy: config.iceTransportPolicy, expiresAt: null };
  const { expiresAt, ...credentials } = turnCredentials(config.turn.secret, label, config.turn.ttlSeconds);
  iceServers.push({ urls: config.turn.urls, ...credentials });
  return { iceServers, iceTransportPolicy: config.iceTransportPolicy, expiresAt: expiresAt.toISOString() };
}
