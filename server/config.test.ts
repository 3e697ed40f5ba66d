import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has embedded defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'http://localhost:8080',
      dataDir: './data',
      databaseUrl: undefined,
      mediaUrlTtlSeconds: 3600,
      demo: true,
      secureCookies: false,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MEDIA_URL_TTL: '0' }, 'MEDIA_URL_TTL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TAPELINE_DEMO: 'maybe' }, 'TAPELINE_DEMO'],
    [{ MEDIA_SIGNING_KEY: 'short' }, 'MEDIA_SIGNING_KEY'],
    [{ MEDIA_OFFLOAD: 'sendfile' }, 'MEDIA_OFFLOAD'],
    [{ MEDIA_OFFLOAD: 'x-accel', MEDIA_OFFLOAD_PREFIX: '/no-trailing-slash' }, 'MEDIA_OFFLOAD_PREFIX'],
    [{ MEDIA_OFFLOAD: 'x-accel', MEDIA_OFFLOAD_PREFIX: '/a b/' }, 'MEDIA_OFFLOAD_PREFIX'],
    [{ MEDIA_OFFLOAD: 'x-accel', STORAGE: 's3', S3_BUCKET: 'recordings' }, 'MEDIA_OFFLOAD'],
  ])('stops with a message naming the variable for %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('offloads media to nginx with MEDIA_OFFLOAD=x-accel, at /_tapeline_media/ unless told otherwise', () => {
    expect(loadConfig({}).mediaOffload).toBeNull();
    expect(loadConfig({ MEDIA_OFFLOAD: 'x-accel' }).mediaOffload).toEqual({
      mode: 'x-accel',
      prefix: '/_tapeline_media/',
    });
    expect(
      loadConfig({ MEDIA_OFFLOAD: 'x-accel', MEDIA_OFFLOAD_PREFIX: '/internal/media/' }).mediaOffload,
    ).toEqual({ mode: 'x-accel', prefix: '/internal/media/' });
  });

  it('turns the demo off with TAPELINE_DEMO=0 and uses https cookies behind an https PUBLIC_URL', () => {
    const config = loadConfig({ TAPELINE_DEMO: '0', PUBLIC_URL: 'https://tapeline.example.com/' });
    expect(config.demo).toBe(false);
    expect(config.publicUrl).toBe('https://tapeline.example.com');
    expect(config.secureCookies).toBe(true);
  });
});
