// One id per player session, added to Tapeline's own media URLs (`play=`), so the audit trail records one
// play however many range requests the player makes, and across URL refreshes. Other URLs (S3, presigned)
// are left exactly as issued: an added parameter could break their signature.

export function newPlaySession(): string {
  // getRandomValues works outside secure contexts too (randomUUID does not).
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function withPlaySession(url: string, playSession: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, window.location.href);
  } catch {
    return url;
  }
  if (!parsed.pathname.startsWith('/media/') || !parsed.searchParams.has('sig')) return url;
  parsed.searchParams.set('play', playSession);
  return parsed.toString();
}
