/** The one pending step-up request: the dialog shows while it is set, and settles it. */
type Pending = { resolve: (verified: boolean) => void } | null;

let pending: Pending = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/**
 * Asks the user to verify again (authenticator code, or password where MFA is not set up);
 * resolves true once verified, false when they cancel. Concurrent callers share one dialog.
 */
export function requestStepUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const previous = pending;
    pending = {
      resolve: (v) => {
        previous?.resolve(v);
        resolve(v);
      },
    };
    emit();
  });
}

/** Settles the pending request (the dialog calls this). */
export function settleStepUp(verified: boolean): void {
  const p = pending;
  pending = null;
  emit();
  p?.resolve(verified);
}

export function subscribeStepUp(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function stepUpOpen(): boolean {
  return pending !== null;
}
