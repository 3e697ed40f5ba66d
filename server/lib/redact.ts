// What must never reach a log: the secrets some URLs carry (media signatures, one-time link tokens).

const SECRET_PARAMS = /([?&](?:sig|signature|token|key|X-Amz-Signature|X-Amz-Credential)=)[^&#]*/gi;
const SECRET_SEGMENTS = /(\/(?:setup|set-password|join)\/)[^/?#]+/gi;

/** `url` with secret query values and one-time tokens in paths replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]').replace(SECRET_SEGMENTS, '$1[redacted]');
}

/** A client's X-Request-Id, if it is a short plain token; otherwise null (the server makes one). */
export function acceptableRequestId(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : null;
}
