import { randomUUID } from 'node:crypto';
import type { Role } from '@qd/contracts';
import { schema, type Database } from '@qd/platform';
import { and, eq, sql } from 'drizzle-orm';

export interface LinkedUser {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  /** Has a TOTP secret (then MFA policy asks for step-up, not enrolment). */
  mfaEnrolled: boolean;
}

const userColumns = {
  id: schema.users.id,
  username: schema.users.username,
  role: schema.users.role,
  disabled: schema.users.disabled,
  mfaEnrolled: sql<boolean>`${schema.users.totpSecret} is not null`,
};

/** The user linked to an external identity, or null. Touches its last-login time. */
export async function findLinkedUser(
  db: Database,
  provider: string,
  issuer: string,
  subject: string,
): Promise<LinkedUser | null> {
  const link = and(
    eq(schema.externalIdentities.provider, provider),
    eq(schema.externalIdentities.issuer, issuer),
    eq(schema.externalIdentities.subject, subject),
  );
  const [row] = await db
    .select(userColumns)
    .from(schema.externalIdentities)
    .innerJoin(schema.users, eq(schema.users.id, schema.externalIdentities.userId))
    .where(link);
  if (row)
    await db
      .update(schema.externalIdentities)
      .set({ lastLoginAt: sql`now()` })
      .where(link);
  return row ?? null;
}

/** The user with this username, or null. */
export async function findUserByName(db: Database, username: string): Promise<LinkedUser | null> {
  const [row] = await db
    .select(userColumns)
    .from(schema.users)
    .where(eq(schema.users.username, username));
  return row ?? null;
}

/** A first external sign-in whose username already belongs to a local, unlinked user. */
export class UsernameTakenError extends Error {}

/**
 * First sign-in through a provider: creates the user (without a password) and links the identity,
 * in one transaction. An existing user of that name is never linked automatically (an IdP that
 * lets people pick `preferred_username` must not hand out the local `admin`).
 */
export async function provisionLinkedUser(
  db: Database,
  identity: { provider: string; issuer: string; subject: string },
  username: string,
  role: Role,
): Promise<LinkedUser> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select(userColumns)
      .from(schema.users)
      .where(eq(schema.users.username, username));
    if (existing) throw new UsernameTakenError(username);
    const user = { id: randomUUID(), username, role, disabled: false };
    await tx.insert(schema.users).values({ ...user, passwordHash: null });
    await tx.insert(schema.externalIdentities).values({ ...identity, userId: user.id });
    return { ...user, mfaEnrolled: false };
  });
}

/** Sets a user's role (the IdP's claim is the source of truth for OIDC users). */
export async function setUserRole(db: Database, userId: string, role: Role): Promise<void> {
  await db
    .update(schema.users)
    .set({ role, updatedAt: sql`now()` })
    .where(eq(schema.users.id, userId));
}
