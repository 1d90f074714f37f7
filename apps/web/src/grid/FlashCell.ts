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

/** The text colour of a signed value (P&L): red below zero, green above, none at zero. */
export function signClass(v: unknown): string {
  return isNegative(v) ? 'text-down' : Number(v) !== 0 && v != null && v !== '' ? 'text-up' : '';
}

/** How long a changed cell stays lit after its last change. */
const FLASH_MS = 500;
const FLASH = { up: 'flash-up', down: 'flash-down' } as const;

/** Lit cells and when each goes dark; one timer for all of them. */
const lit = new Map<HTMLElement, number>();
let sweepTimer: ReturnType<typeof setTimeout> | undefined;

function sweep(): void {
  sweepTimer = undefined;
  const now = performance.now();
  let next = Infinity;
  for (const [cell, until] of lit) {
    if (until <= now + 16) {
      cell.classList.remove(FLASH.up, FLASH.down);
      lit.delete(cell);
    } else next = Math.min(next, until);
  }
  if (next !== Infinity) sweepTimer = setTimeout(sweep, next - now);
}

function light(cell: HTMLElement, dir: 'up' | 'down'): void {
  // Touch the class list only when the colour changes: a cell ticking the same way stays lit.
  if (!cell.classList.contains(FLASH[dir])) {
    cell.classList.remove(FLASH[dir === 'up' ? 'down' : 'up']);
    cell.classList.add(FLASH[dir]);
  }
  lit.set(cell, performance.now() + FLASH_MS);
  sweepTimer ??= setTimeout(sweep, FLASH_MS);
}

/**
 * A numeric cell whose background lights green when its value rises and red when it falls, for
 * half a second after its last change. Plain DOM, so a busy grid pays no React cost per tick.
 * The flash is a class set on change and cleared by one shared timer, not a CSS animation: with
 * hundreds of cells ticking, running animations cost the main thread a style, layout and paint
 * pass every frame (the 1,000-row grid bench spent most of its time there).
 */
export class FlashCell implements ICellRendererComp {
  private el = document.createElement('span');
  // The text is one Text node rewritten in place: setting `textContent` replaced the node on
  // every tick (a removal and an insertion in the DOM for each changed cell).
  private textNode = this.el.appendChild(document.createTextNode(''));
  private cell: HTMLElement | null = null;
  private value: unknown;
  // What was written last: compared instead of reading the DOM back.
  private text: string | null = null;
  private tone: string | null = null;

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
    if (dir && this.cell) light(this.cell, dir);
    return true;
  }

  destroy(): void {
    if (this.cell && lit.delete(this.cell)) this.cell.classList.remove(FLASH.up, FLASH.down);
  }

  private paint(params: FlashCellParams): void {
    const text = params.valueFormatted ?? String(params.value ?? '—');
    if (this.text !== text) this.textNode.data = this.text = text;
    if (params.signed) {
      const tone = signClass(params.value);
      if (this.tone !== tone) this.el.className = this.tone = tone;
    }
  }
}
