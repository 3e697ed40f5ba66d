// Opaque secrets handed to clients (session tokens, API keys); only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
