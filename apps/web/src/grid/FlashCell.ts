import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';

export interface FlashCellParams extends ICellRendererParams {
  /** Colour the text by sign (P&L columns). */
  signed?: boolean;
}

function direction(prev: unknown, next: unknown): 'up' | 'down' | null {
  const a = Number(prev);
  const b = Number(next);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return null;
  return b > a ? 'up' : 'down';
}

function isNegative(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('-') && /[1-9]/.test(v);
}

/**
 * A numeric cell that flashes green when its value rises and red when it falls. Plain DOM,
 * so a busy grid pays no React cost per tick; the flash animates background only.
 */
export class FlashCell implements ICellRendererComp {
  private el = document.createElement('span');
  private cell: HTMLElement | null = null;
  private value: unknown;

  init(params: FlashCellParams): void {
    this.cell = params.eGridCell;
    this.value = params.value;
    this.paint(params);
  }

  getGui(): HTMLElement {
    return this.el;
  }

  refresh(params: FlashCellParams): boolean {
    const dir = direction(this.value, params.value);
    this.value = params.value;
    this.paint(params);
    if (dir && this.cell) {
      // Restart the flash when ticks arrive faster than it runs by switching between two identical
      // keyframes (a new animation-name restarts it): writes only, no layout read per cell.
      const list = this.cell.classList;
      list.remove(dir === 'up' ? 'flash-down' : 'flash-up');
      list.add(dir === 'up' ? 'flash-up' : 'flash-down');
      list.toggle('flash-alt');
    }
    return true;
  }

  private paint(params: FlashCellParams): void {
    this.el.textContent = params.valueFormatted ?? String(params.value ?? '—');
    if (params.signed) {
      const v = params.value;
      this.el.className = isNegative(v)
        ? 'text-down'
        : Number(v) !== 0 && v != null
          ? 'text-up'
          : '';
    }
  }
}
