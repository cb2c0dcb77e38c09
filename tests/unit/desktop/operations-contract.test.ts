// The desktop–API contract is generated, not restated: a schema change that breaks an
// operation in schema/operations stops the generation that `pnpm typecheck` runs first,
// naming the field. Runs the real generator on an edited copy of the SDL (the committed SDL
// generates in every `pnpm typecheck`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../fixtures/process.js';

const sdl = readFileSync(resolve(repoRoot, 'schema/schema.graphql'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'lupa-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generateAgainst(schema: string, name: string) {
  const schemaFile = join(scratch, `${name}.graphql`);
  writeFileSync(schemaFile, schema);
  const run = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'scripts/generate-operations.mjs'), '--schema', schemaFile, '--out', join(scratch, `${name}/`)],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: run.status, err: run.stderr };
}

describe('generated admin UI operations', () => {
  it('fail to generate when the schema drops a field an operation selects', () => {
    // AuditChainVerification.checkpointSeq, which VerifyAuditChain selects.
    const edited = sdl.replace(/^( {2}checkpointSeq: String\n)/m, '');
    expect(edited).not.toBe(sdl);
    const { status, err } = generateAgainst(edited, 'dropped');
    expect(status).toBe(1);
    expect(err).toMatch(/Cannot query field "checkpointSeq" on type "AuditChainVerification"/);
  }, 120_000);

  it('fail to generate when an argument becomes required that an operation does not pass', () => {
    const edited = sdl.replace(/^( {2}me): Officer!$/m, '$1(tenant: ID!): Officer!');
    expect(edited).not.toBe(sdl);
    const { status, err } = generateAgainst(edited, 'argument');
    expect(status).toBe(1);
    expect(err).toMatch(/argument "tenant" of type "ID!" is required/);
  }, 120_000);
});
