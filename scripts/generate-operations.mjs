// Typed GraphQL documents for the admin UI and the tests, from schema/schema.graphql and
// the operations in schema/operations/*.graphql (GraphQL Code Generator, client preset).
// Run by `pnpm generate` (and so after install) and first thing in `pnpm typecheck`: an
// operation that no longer fits the schema stops generation with the offending field, and
// a changed type surfaces wherever the desktop reads it. Reads local files only.
// `--schema <file>` checks the operations against another SDL (the breaking-change test).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from '@graphql-codegen/cli';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { schema: { type: 'string' }, out: { type: 'string' } },
});

export const GENERATED_DIR = 'desktop/src/renderer/api/generated/';

try {
  await generate(
    {
      cwd: root,
      schema: values.schema ?? join(root, 'schema/schema.graphql'),
      documents: join(root, 'schema/operations/*.graphql'),
      ignoreNoDocuments: false,
      silent: true,
      generates: {
        [values.out ?? join(root, GENERATED_DIR)]: {
          preset: 'client',
          // Whole results, not masked fragments: the views read what they selected.
          presetConfig: { fragmentMasking: false },
          config: {
            // Strings, sent as they are: the renderer needs no GraphQL runtime.
            documentMode: 'string',
            enumsAsTypes: true,
            // __typename only where a document selects it, so equal shapes stay assignable.
            skipTypename: true,
            useTypeImports: true,
            scalars: { DateTime: 'string', ID: 'string' },
            strictScalars: true,
            // './graphql.js', as NodeNext resolution wants.
            emitLegacyCommonJSImports: false,
          },
        },
      },
    },
    true,
  );
} catch (error) {
  const details = error?.errors?.map((e) => e.details ?? e.message).join('\n') ?? error?.message ?? String(error);
  console.error(`GraphQL operations do not fit the schema:\n${details}`);
  process.exit(1);
}
