import { randomBytes, randomUUID } from 'node:crypto';
import { schema, type Database, type Tx } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { hashPassword } from './passwords';

/** Creates a user (argon2id hash). */
export async function createUser(
  db: Database,
  username: string,
  password: string,
  role: string,
): Promise<string> {
  return insertUser(db, username, await hashPassword(password), role);
}

/** Inserts a user with an already hashed password (inside the caller's transaction). */
export async function insertUser(
  db: Database | Tx,
  username: string,
  passwordHash: string,
  role: string,
): Promise<string> {
  const id = randomUUID();
  await db.insert(schema.users).values({ id, username, passwordHash, role });
  return id;
}

/** Seeds `admin` on first start; returns the password when it was generated (to print once). */
export async function seedAdmin(
  db: Database,
  configured?: string,
): Promise<{ created: boolean; generatedPassword?: string }> {
  const [existing] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.username, 'admin'));
  if (existing) return { created: false };
  const password = configured ?? randomBytes(15).toString('base64url');
  await createUser(db, 'admin', password, 'admin');
  return configured ? { created: true } : { created: true, generatedPassword: password };
}
