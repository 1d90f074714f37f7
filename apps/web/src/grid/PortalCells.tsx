import { createElement, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { PortalCellStore } from './portalCells';

/**
 * Renders a grid's React cells into the elements their renderers gave AG Grid. A store change
 * re-renders synchronously (useSyncExternalStore), so a row scrolled into view shows its buttons
 * in the same frame as its other cells.
 */
export function PortalCells({ store }: { store: PortalCellStore }) {
  const cells = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return cells.map(({ key, container, component, data }) =>
    createPortal(createElement(component, { data: data as never }), container, String(key)),
  );
}
