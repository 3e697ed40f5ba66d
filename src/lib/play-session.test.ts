import { describe, expect, it } from 'vitest';
import { newPlaySession, withPlaySession } from './play-session';

describe('player sessions on media URLs', () => {
  it('adds the session to Tapeline’s signed media URLs, keeping the signature', () => {
    const url = withPlaySession('https://tapeline.example/media/a/b.webm?exp=10&sig=abc', 'p1234567');
    expect(url).toBe('https://tapeline.example/media/a/b.webm?exp=10&sig=abc&play=p1234567');
  });

  it('leaves other URLs (S3, presigned) exactly as issued', () => {
    const presigned = 'https://bucket.s3.example/rec.webm?X-Amz-Signature=abc';
    expect(withPlaySession(presigned, 'p1234567')).toBe(presigned);
  });

  it('makes a fresh 24-character id each time', () => {
    const [a, b] = [newPlaySession(), newPlaySession()];
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
  });
});
