import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../api/src/config/index.js';

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

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
