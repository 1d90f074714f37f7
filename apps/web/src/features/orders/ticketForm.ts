import {
  OrderRequest,
  type Instrument,
  type OrderRequestInput,
  type OrderSide,
  type OrderType,
  type TimeInForce,
} from '@qd/contracts';

export interface TicketForm {
  symbol: string;
  side: OrderSide;
  qty: string;
  type: OrderType;
  limitPrice: string;
  stopPrice: string;
  tif: TimeInForce;
  reason: string;
}

export type TicketField = keyof TicketForm;
export type TicketErrors = Partial<Record<TicketField, string>>;

export const EMPTY_TICKET: TicketForm = {
  symbol: '',
  side: 'buy',
  qty: '',
  type: 'market',
  limitPrice: '',
  stopPrice: '',
  tif: 'day',
  reason: '',
};

export const needsLimit = (t: OrderType): boolean => t === 'limit' || t === 'stop_limit';
export const needsStop = (t: OrderType): boolean => t === 'stop' || t === 'stop_limit';

/** The request the form describes: only the fields its order type uses. */
export function toRequest(f: TicketForm): OrderRequestInput {
  const reason = f.reason.trim();
  return {
    symbol: f.symbol.trim().toUpperCase(),
    side: f.side,
    qty: f.qty.trim(),
    type: f.type,
    tif: f.tif,
    ...(needsLimit(f.type) ? { limitPrice: f.limitPrice.trim() } : {}),
    ...(needsStop(f.type) ? { stopPrice: f.stopPrice.trim() } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** The same checks the server runs (the contracts' schema), plus "is it in our universe". */
export function validateTicket(
  req: OrderRequestInput,
  instruments: Instrument[] | undefined,
): TicketErrors {
  const errors: TicketErrors = {};
  const parsed = OrderRequest.safeParse(req);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'symbol') as TicketField;
      errors[key] ??= issue.message;
    }
  }
  if (!errors.symbol && instruments) {
    const inst = instruments.find((i) => i.symbol === req.symbol);
    if (!inst) errors.symbol = `unknown symbol "${req.symbol}"`;
    else if (!inst.tradable) errors.symbol = `${req.symbol} is not tradable`;
  }
  return errors;
}

/** Whether any field has an error (a field set back to `undefined` has none). */
export function hasTicketErrors(errors: TicketErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/** The instrument the symbol box names, if any. */
export function findInstrument(
  symbol: string,
  instruments: Instrument[] | undefined,
): Instrument | null {
  const s = symbol.trim().toUpperCase();
  return instruments?.find((i) => i.symbol === s) ?? null;
}
