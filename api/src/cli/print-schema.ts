// pnpm schema:print — writes schema/schema.graphql from the code-first schema. A test
// fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printLupaSchema } from '../graphql/print.js';

const target = resolve(import.meta.dirname, '../../../schema/schema.graphql');
writeFileSync(target, printLupaSchema());
console.log(`Wrote ${target}`);
