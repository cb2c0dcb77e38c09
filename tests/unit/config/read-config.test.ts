import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../api/src/config/index.js';

describe('configuration', () => {
  it('seeds synthetic data by default only outside production', () => {
    expect(readConfig({ NODE_ENV: 'development' }).seedOnStart).toBe(true);
    expect(readConfig({ NODE_ENV: 'production' }).seedOnStart).toBe(false);
    expect(readConfig({ NODE_ENV: 'production', LUPA_SEED: 'true' }).seedOnStart).toBe(true);
  });

  it('keeps GraphiQL and introspection to development unless turned on', () => {
    expect(readConfig({ NODE_ENV: 'production' })).toMatchObject({ graphiql: false, introspection: false });
    expect(readConfig({ NODE_ENV: 'development' })).toMatchObject({ graphiql: true, introspection: true });
    expect(readConfig({ NODE_ENV: 'production', LUPA_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('runs notice delivery and the expiry sweep unless turned off, at the intervals given', () => {
    expect(readConfig({})).toMatchObject({ backgroundJobs: true, noticeIntervalMs: 5_000, expiryIntervalMs: 60_000 });
    expect(
      readConfig({ LUPA_BACKGROUND_JOBS: 'false', LUPA_NOTICE_INTERVAL_MS: '250', LUPA_EXPIRY_INTERVAL_MS: '1000' }),
    ).toMatchObject({ backgroundJobs: false, noticeIntervalMs: 250, expiryIntervalMs: 1_000 });
    // A zero interval would spin the loop against the database.
    expect(() => readConfig({ LUPA_NOTICE_INTERVAL_MS: '0' })).toThrow(/LUPA_NOTICE_INTERVAL_MS/);
  });

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
