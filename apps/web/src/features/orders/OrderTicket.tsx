import { Ban } from 'lucide-react';
import { useCallback, useId, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { ApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { OrderConfirmation, type OrderConfirmationHandle } from './OrderConfirmation';
import { SideToggle } from './SideToggle';
import {
  EMPTY_TICKET,
  findInstrument,
  hasTicketErrors,
  needsLimit,
  needsStop,
  toRequest,
  validateTicket,
  type TicketErrors,
  type TicketForm,
} from './ticketForm';
import { TicketMarket } from './TicketMarket';
import { useInstruments } from './useInstruments';
import { useTicketGate, useTradingGate } from './useTradingGate';
import { useSession } from '../auth/session';

/** Server codes that belong to one field rather than to the whole order. */
const CODE_FIELD: Record<string, keyof TicketForm> = { UNKNOWN_SYMBOL: 'symbol' };

/** The ticket for users who may trade; a read-only note for everyone else (no dead controls). */
export function OrderTicket() {
  const session = useSession();
  if (!session?.permissions.includes('orders:write'))
    return (
      <section
        data-testid="order-ticket-readonly"
        aria-label="Order ticket"
        className="rounded-lg border border-line bg-panel p-3 text-ui text-muted"
      >
        <p className="font-medium text-fg">Read-only workspace</p>
        <p className="mt-1 text-xs">
          Your role ({session?.user.role ?? 'none'}) can watch positions and orders but cannot
          trade. Ask an administrator for the operator role to place orders.
        </p>
      </section>
    );
  return <TradingTicket />;
}

function TradingTicket() {
  const { instruments } = useInstruments();
  const listId = useId();
  const [form, setForm] = useState<TicketForm>(EMPTY_TICKET);
  const [errors, setErrors] = useState<TicketErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Shown as busy on Preview; set once the dialog is on screen (see OrderConfirmation).
  const [previewing, setPreviewing] = useState(false);
  const confirmation = useRef<OrderConfirmationHandle>(null);
  const instrument = findInstrument(form.symbol, instruments);
  // The trading gate locks the whole form; stale data for this symbol only blocks Preview.
  const tradingGate = useTradingGate();
  const gate = useTicketGate(instrument?.symbol ?? null);

  const set = <K extends keyof TicketForm>(key: K, value: TicketForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const showApiError = useCallback((e: unknown, what: string) => {
    if (!(e instanceof ApiError)) return setFormError(`${what} failed unexpectedly.`);
    const field = CODE_FIELD[e.code];
    const fieldErrors: TicketErrors = { ...(e.fieldErrors as TicketErrors) };
    if (field) fieldErrors[field] = e.message;
    setErrors(fieldErrors);
    if (!field) setFormError(e.message);
  }, []);

  // Also the Preview button's click (Enter in a field clicks it too): cancelling the click skips
  // the browser's form submission steps, which forced a layout inside the click that opens the
  // dialog. The form's submit stays for anything that submits it another way.
  function onPreview(e: FormEvent | MouseEvent<HTMLButtonElement>) {
    e.preventDefault();
    if (!gate.allowed || previewing) return;
    const request = toRequest(form);
    const found = validateTicket(request, instruments);
    // Only what changes is set, so that a valid click renders the dialog and not the ticket.
    if (hasTicketErrors(found) || hasTicketErrors(errors)) setErrors(found);
    if (formError !== null) setFormError(null);
    if (hasTicketErrors(found)) return;
    confirmation.current?.open(request);
  }

  const input = (
    key: 'symbol' | 'qty' | 'limitPrice' | 'stopPrice' | 'reason',
    label: string,
    extra: object = {},
  ) => (
    <Field label={label} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={form[key]}
          onChange={(e) => set(key, e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          autoComplete="off"
          className={`${inputClass} ${key === 'reason' ? '' : 'num'}`}
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <section
      data-testid="order-ticket"
      aria-label="Order ticket"
      className="flex min-h-0 flex-col rounded-lg border border-line bg-panel"
    >
      <header className="flex h-8 shrink-0 items-center border-b border-line px-3">
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Order ticket</h2>
      </header>
      {!gate.allowed && (
        <p
          data-testid="ticket-disabled-reason"
          className="flex items-center gap-2 border-b border-down/40 bg-down/10 px-3 py-2 text-ui text-down"
        >
          <Ban aria-hidden className="size-4 shrink-0" />
          {gate.reason}
        </p>
      )}
      <form noValidate onSubmit={onPreview} className="min-h-0 overflow-y-auto p-3">
        <fieldset
          disabled={!tradingGate.allowed}
          title={tradingGate.reason ?? undefined}
          className="flex flex-col gap-3"
        >
          {input('symbol', 'Symbol', {
            list: listId,
            placeholder: 'AAPL',
            spellCheck: false,
            autoCapitalize: 'characters',
            onBlur: () => set('symbol', form.symbol.trim().toUpperCase()),
          })}
          <datalist id={listId}>
            {instruments
              ?.filter((i) => i.tradable)
              .map((i) => (
                <option key={i.symbol} value={i.symbol}>
                  {i.name}
                </option>
              ))}
          </datalist>
          <TicketMarket instrument={instrument} />
          <SideToggle value={form.side} onChange={(side) => set('side', side)} />
          <div className="grid grid-cols-2 gap-2">
            {input('qty', 'Quantity', { inputMode: 'numeric', placeholder: '0' })}
            <Field label="Order type" error={errors.type}>
              {({ id }) => (
                <select
                  id={id}
                  value={form.type}
                  onChange={(e) => set('type', e.target.value as TicketForm['type'])}
                  className={inputClass}
                >
                  <option value="market">Market</option>
                  <option value="limit">Limit</option>
                  <option value="stop">Stop</option>
                  <option value="stop_limit">Stop limit</option>
                </select>
              )}
            </Field>
          </div>
          {(needsLimit(form.type) || needsStop(form.type)) && (
            <div className="grid grid-cols-2 gap-2">
              {needsStop(form.type) &&
                input('stopPrice', 'Stop price', { inputMode: 'decimal', placeholder: '0.00' })}
              {needsLimit(form.type) &&
                input('limitPrice', 'Limit price', { inputMode: 'decimal', placeholder: '0.00' })}
            </div>
          )}
          <Field label="Time in force" error={errors.tif}>
            {({ id }) => (
              <select
                id={id}
                value={form.tif}
                onChange={(e) => set('tif', e.target.value as TicketForm['tif'])}
                className={inputClass}
              >
                <option value="day">Day</option>
                <option value="gtc">Good till canceled</option>
                <option value="ioc">Immediate or cancel</option>
                <option value="fok">Fill or kill</option>
              </select>
            )}
          </Field>
          {input('reason', 'Reason', { placeholder: 'Optional — recorded in the audit trail' })}
          {formError && (
            <p
              role="alert"
              className="rounded-md border border-down/50 bg-down/10 px-3 py-2 text-ui text-down"
            >
              {formError}
            </p>
          )}
          <Button
            type="submit"
            onClick={onPreview}
            variant="primary"
            busy={previewing}
            disabled={!gate.allowed}
            className="w-full"
          >
            Preview
          </Button>
        </fieldset>
      </form>
      <OrderConfirmation
        ref={confirmation}
        gate={gate}
        onPreviewing={setPreviewing}
        onError={showApiError}
      />
    </section>
  );
}
