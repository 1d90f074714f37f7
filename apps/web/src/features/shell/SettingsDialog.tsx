import type { Palette, Theme } from '@qd/contracts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { QuietModeToggle } from '../preferences/QuietModeToggle';
import { usePreferences } from '../preferences/usePreferences';
import { useShownValue } from '../preferences/useShownValue';
import { openOverlay, useOverlay } from './overlays';

function Choice<T extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: T;
  options: { value: T; label: string; hint: string }[];
  onChange: (v: T) => void;
}) {
  const [shown, show] = useShownValue(value);
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">
        {legend}
      </legend>
      {options.map((o) => (
        <label
          key={o.value}
          className="flex cursor-pointer items-start gap-2 rounded-md border border-line px-3 py-2 hover:bg-hover has-checked:border-accent"
        >
          <input
            type="radio"
            name={legend}
            checked={shown === o.value}
            onChange={() => {
              show(o.value);
              onChange(o.value);
            }}
            className="mt-0.5"
          />
          <span>
            <span className="block text-ui font-medium">{o.label}</span>
            <span className="block text-xs text-muted">{o.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Appearance and workspace settings, saved to the user's profile on the server. */
export function SettingsDialog() {
  const open = useOverlay() === 'settings';
  const { prefs, update } = usePreferences();
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => openOverlay(o ? 'settings' : null)}
      title="Workspace settings"
      description="Saved to your profile: they follow you to any browser."
    >
      <Choice<Theme>
        legend="Theme"
        value={prefs.theme}
        onChange={(theme) => void update({ theme })}
        options={[
          {
            value: 'dark',
            label: 'Dark',
            hint: 'Near-black panels; the default for long sessions.',
          },
          { value: 'light', label: 'Light', hint: 'White panels for bright rooms.' },
        ]}
      />
      <Choice<Palette>
        legend="Up / down colours"
        value={prefs.palette}
        onChange={(palette) => void update({ palette })}
        options={[
          { value: 'standard', label: 'Green / red', hint: 'Gains green, losses red.' },
          {
            value: 'colorblind',
            label: 'Blue / orange (colour-blind safe)',
            hint: 'Gains blue, losses orange. Signs and arrows stay either way.',
          },
        ]}
      />
      <QuietModeToggle
        className="flex items-center gap-2 text-ui"
        label="Quiet mode: keep event notifications in the bell without popping up"
      />
      <div className="flex items-center justify-between gap-2 border-t border-line pt-3">
        <Button
          size="sm"
          variant="outline"
          disabled={Object.keys(prefs.grids).length === 0}
          onClick={() =>
            void update({
              grids: Object.fromEntries(Object.keys(prefs.grids).map((id) => [id, null])),
            })
          }
        >
          Reset grid layouts
        </Button>
        <Button variant="primary" onClick={() => openOverlay(null)}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
