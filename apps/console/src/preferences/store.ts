import {
  applyPreferencesPatch,
  preferencesFrom,
  type Preferences,
  type PreferencesPatch,
} from '@qd/contracts';
import { schema, type Database } from '@qd/platform';
import { eq } from 'drizzle-orm';

/** Per-user preferences in Postgres/PGlite; a user without a row gets the defaults. */
export class PreferencesStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async get(userId: string): Promise<Preferences> {
    const [row] = await this.db
      .select({ prefs: schema.userPreferences.prefs })
      .from(schema.userPreferences)
      .where(eq(schema.userPreferences.userId, userId));
    return preferencesFrom(row?.prefs);
  }

  /** Applies a patch in one transaction (two tabs saving at once never lose a field). */
  async update(userId: string, patch: PreferencesPatch): Promise<Preferences> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ prefs: schema.userPreferences.prefs })
        .from(schema.userPreferences)
        .where(eq(schema.userPreferences.userId, userId))
        .for('update');
      const next = applyPreferencesPatch(preferencesFrom(row?.prefs), patch);
      const updatedAt = this.now().toISOString();
      await tx
        .insert(schema.userPreferences)
        .values({ userId, prefs: next, updatedAt })
        .onConflictDoUpdate({
          target: schema.userPreferences.userId,
          set: { prefs: next, updatedAt },
        });
      return next;
    });
  }
}
