// Loads Prisma's schema engine compiled to WebAssembly. Node 20 cannot `import` a .wasm
// file, so the bytes are instantiated by hand and handed to the wasm-bindgen glue — the
// same steps the package's own entry file does with an ESM wasm import.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let loading: Promise<typeof SchemaEngine> | undefined;

export function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<typeof SchemaEngine> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'));
  const glue: Glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return glue.SchemaEngine;
}
