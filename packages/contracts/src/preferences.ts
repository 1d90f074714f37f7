import { z } from 'zod';

export const Theme = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof Theme>;

/** `colorblind` swaps green/red for blue/orange everywhere (grids, charts, badges). */
export const Palette = z.enum(['standard', 'colorblind']);
export type Palette = z.infer<typeof Palette>;

/** A grid's id in preferences and exports (`positions`, `orders`, `fills`, …). */
export const GridId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'grid id: lowercase letters, digits and dashes');
export type GridId = z.infer<typeof GridId>;

/** One column's saved state: order is the array order. */
export const GridColumnState = z
  .object({
    colId: z.string().min(1).max(64),
    width: z.number().int().min(20).max(2000).optional(),
    hide: z.boolean().optional(),
    pinned: z.enum(['left', 'right']).nullable().optional(),
    sort: z.enum(['asc', 'desc']).nullable().optional(),
    sortIndex: z.number().int().min(0).max(60).nullable().optional(),
  })
  .strict();
export type GridColumnState = z.infer<typeof GridColumnState>;

export const GridState = z.array(GridColumnState).max(60, 'at most 60 columns');
export type GridState = z.infer<typeof GridState>;

const GridStates = z
  .record(GridId, GridState)
  .refine((g) => Object.keys(g).length <= 30, 'at most 30 grids');

/** Everything a user can set for their own workspace; stored per user on the server. */
export const Preferences = z.object({
  theme: Theme,
  palette: Palette,
  navCollapsed: z.boolean(),
  /** Quiet mode: notifications go to the centre's history without popping up. */
  quietMode: z.boolean(),
  grids: GridStates,
});
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'dark',
  palette: 'standard',
  navCollapsed: false,
  quietMode: false,
  grids: {},
};

/**
 * A change to some preferences. `grids` replaces the state of the grids it names and leaves the
 * others alone; `null` for a grid resets it to its defaults.
 */
export const PreferencesPatch = z
  .object({
    theme: Theme.optional(),
    palette: Palette.optional(),
    navCollapsed: z.boolean().optional(),
    quietMode: z.boolean().optional(),
    grids: z
      .record(GridId, GridState.nullable())
      .refine((g) => Object.keys(g).length <= 30, 'at most 30 grids')
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'change at least one preference');
export type PreferencesPatch = z.infer<typeof PreferencesPatch>;

/** Reads stored preferences leniently: unknown or invalid fields fall back to the defaults. */
export function preferencesFrom(stored: unknown): Preferences {
  const o = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const pick = <K extends keyof Preferences>(key: K, schema: z.ZodType<Preferences[K]>) => {
    const parsed = schema.safeParse(o[key]);
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES[key];
  };
  return {
    theme: pick('theme', Theme),
    palette: pick('palette', Palette),
    navCollapsed: pick('navCollapsed', z.boolean()),
    quietMode: pick('quietMode', z.boolean()),
    grids: pick('grids', GridStates),
  };
}

/** Applies a patch to preferences (pure). */
export function applyPreferencesPatch(prefs: Preferences, patch: PreferencesPatch): Preferences {
  const { grids, ...rest } = patch;
  const next: Preferences = { ...prefs, ...rest, grids: { ...prefs.grids } };
  for (const [id, state] of Object.entries(grids ?? {})) {
    if (state === null) delete next.grids[id];
    else next.grids[id] = state;
  }
  return next;
}
