/**
 * Which strategies a user may trade and see orders of: all (no limit), or a chosen few (none
 * chosen: no strategy at all). Manual orders are never allowed to a limited user.
 */
export function StrategyScopeFields({
  ids,
  value,
  onChange,
}: {
  ids: string[] | undefined;
  value: string[] | null;
  onChange: (next: string[] | null) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-2 text-ui">
      <legend className="mb-1 text-xs text-muted">
        Strategies this user may act on (a limited user places no manual orders)
      </legend>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={value === null}
          onChange={(e) => onChange(e.target.checked ? null : [])}
        />
        All strategies (no limit)
      </label>
      {value !== null &&
        (ids === undefined ? (
          <p className="pl-5 text-xs text-muted">Loading strategies…</p>
        ) : (
          ids.map((id) => (
            <label key={id} className="flex items-center gap-2 pl-5">
              <input
                type="checkbox"
                checked={value.includes(id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...value, id] : value.filter((x) => x !== id))
                }
              />
              <span className="font-mono">{id}</span>
            </label>
          ))
        ))}
    </fieldset>
  );
}
