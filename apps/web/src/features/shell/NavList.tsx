import { Link } from '@tanstack/react-router';
import { useSession } from '../auth/session';
import { visibleNav } from './navItems';

/** The grouped page links (shared by the side nav and the phone drawer). */
export function NavList({
  labelClass,
  onNavigate,
}: {
  labelClass: string;
  onNavigate?: () => void;
}) {
  const session = useSession();
  const groups = visibleNav(session?.permissions ?? []);
  return (
    <>
      {groups.map((g) => (
        <div key={g.group} className="mb-2">
          <p className="px-4 pt-1 pb-1 text-xs font-semibold tracking-wide text-faint uppercase">
            <span className={labelClass}>{g.group}</span>
          </p>
          <ul>
            {g.items.map(({ to, label, Icon }) => (
              <li key={to}>
                <Link
                  to={to}
                  title={label}
                  onClick={onNavigate}
                  activeOptions={{ exact: true }}
                  className="mx-2 flex h-8 items-center gap-2.5 rounded-md border-l-2 border-transparent px-2 text-ui text-muted hover:bg-hover hover:text-fg"
                  activeProps={{
                    className: 'bg-raised !border-accent !text-fg',
                    'aria-current': 'page',
                  }}
                >
                  <Icon aria-hidden className="size-4 shrink-0" />
                  <span className={labelClass}>{label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
