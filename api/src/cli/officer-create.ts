// pnpm officer:create --email a@b.fi --name "Name" --roles OFFICER[,AUDITOR] [--password-stdin]
// Creates an officer account: the bootstrap, run by whoever holds the database, so it is
// audited as the SYSTEM actor and may grant any role at once (in the API, roles that can
// approve need a second ADMIN). Without --password-stdin a random password is generated
// and printed once; it is never stored anywhere but as an argon2id hash.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase, readDatabaseConfig } from '@lupa/db';
import { z } from 'zod';
import { hashPassword, OFFICER_ROLES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/index.js';
import { createOfficer } from '../officers/create-officer.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

const ZArgsSchema = z.object({
  email: z.email('--email must be an e-mail address').transform((e) => e.toLowerCase()),
  name: z.string('--name is required').trim().min(2),
  roles: z
    .string('--roles is required, e.g. OFFICER or ADMIN,AUDITOR')
    .transform((r) => r.split(',').map((s) => s.trim().toUpperCase()))
    .pipe(z.array(z.enum(OFFICER_ROLES, { error: `roles are ${OFFICER_ROLES.join(', ')}` })).min(1)),
});

const parsed = ZArgsSchema.safeParse(values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join('\n'));
  console.error('Usage: pnpm officer:create --email a@b.fi --name "Name" --roles OFFICER [--password-stdin]');
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const generated = !values['password-stdin'];
const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
  console.error(`The password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters.`);
  process.exit(2);
}

const db = await openDatabase({ config: readDatabaseConfig() });
try {
  const { email, name, roles } = parsed.data;
  if (await db.prisma.officer.findUnique({ where: { email } })) {
    console.error(`An officer with the e-mail ${email} exists already.`);
    process.exitCode = 1;
  } else {
    await createOfficer({
      prisma: db.prisma,
      actor: { kind: 'SYSTEM', id: 'cli:officer-create' },
      requestId: `cli-${randomUUID()}`,
      now: new Date(),
      email,
      name,
      roles,
      organisationId: null,
      publicUrl: '',
      passwordHash: await hashPassword(password),
    });
    console.log(`Created officer ${email} (${roles.join(', ')}).`);
    if (generated) console.log(`Password (shown once, store it safely): ${password}`);
  }
} finally {
  await db.close();
}
