import { usePreferences } from './usePreferences';
import { useShownValue } from './useShownValue';

/** The quiet-mode checkbox, saved to the user's preferences; shows the new state within the click. */
export function QuietModeToggle({ className, label }: { className: string; label: string }) {
  const { prefs, update } = usePreferences();
  const [shown, show] = useShownValue(prefs.quietMode);
  return (
    <label className={className}>
      <input
        type="checkbox"
        checked={shown}
        onChange={(e) => {
          show(e.target.checked);
          void update({ quietMode: e.target.checked });
        }}
      />
      {label}
    </label>
  );
}
