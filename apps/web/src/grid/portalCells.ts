import type { ColDef, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { ComponentType } from 'react';

/** What a React cell gets: its row's data. */
export interface PortalCellProps<T> {
  data: T;
}

/** One rendered React cell: the element AG Grid placed in the row and what to render into it. */
export interface PortalCellEntry {
  key: number;
  container: HTMLElement;
  component: ComponentType<PortalCellProps<never>>;
  data: unknown;
}

/**
 * The React cells a grid has in its rows right now. Their renderers register here and the grid's
 * component renders each one into its element through a portal (see PortalCells.tsx), so the
 * cells keep the app's React context (query client, router) without a React renderer for the
 * whole grid. Only rendered rows have cells: a few dozen entries at most.
 */
export class PortalCellStore {
  private entries = new Map<HTMLElement, PortalCellEntry>();
  private listeners = new Set<() => void>();
  private snapshot: readonly PortalCellEntry[] = [];
  private nextKey = 1;

  /** Adds (or replaces the data of) the cell rendered into `container`. */
  set(container: HTMLElement, component: PortalCellEntry['component'], data: unknown): void {
    const old = this.entries.get(container);
    if (old && old.data === data && old.component === component) return;
    this.entries.set(container, { key: old?.key ?? this.nextKey++, container, component, data });
    this.changed();
  }

  /** Removes the cell rendered into `container` (its renderer was destroyed). */
  delete(container: HTMLElement): void {
    if (this.entries.delete(container)) this.changed();
  }

  /** The current cells; the same array until one changes (for useSyncExternalStore). */
  readonly getSnapshot = (): readonly PortalCellEntry[] => this.snapshot;

  /** Calls `listener` after every change; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = [...this.entries.values()];
    for (const listener of this.listeners) listener();
  }
}

/** The grid context DataGrid creates its grids with. */
export interface PortalGridContext {
  portalCells: PortalCellStore;
}

interface PortalCellParams extends ICellRendererParams {
  component: PortalCellEntry['component'];
  context: PortalGridContext;
}

/**
 * A plain-DOM cell renderer holding one React cell: it gives AG Grid an element and registers it
 * with the grid's store; the React tree renders the component into it. `display: contents`
 * keeps the React content a direct child of the cell for layout (the cell's flex centring).
 */
export class PortalCell implements ICellRendererComp {
  private el = document.createElement('span');
  private store: PortalCellStore | null = null;

  init(params: PortalCellParams): void {
    this.el.className = 'contents';
    this.store = params.context.portalCells;
    this.store.set(this.el, params.component, params.data);
  }

  getGui(): HTMLElement {
    return this.el;
  }

  refresh(params: PortalCellParams): boolean {
    this.store?.set(this.el, params.component, params.data);
    return true;
  }

  destroy(): void {
    this.store?.delete(this.el);
    this.store = null;
  }
}

/**
 * The column options for a cell rendered by a React component (buttons that need hooks, dialogs).
 * Give the column a stable value (the row's key) so AG Grid does not refresh it on every update
 * of its row; a cell's content that must follow the row's live values reads them itself.
 */
export function portalCell<T>(component: ComponentType<PortalCellProps<T>>): ColDef<T> {
  return {
    cellRenderer: PortalCell,
    cellRendererParams: { component },
  };
}
