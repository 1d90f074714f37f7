import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { setStepUpHandler } from '../../../api/client';
import { requestStepUp, stepUpOpen, subscribeStepUp } from './stepUpStore';

const StepUpDialog = lazy(() =>
  import('./StepUpDialog').then((m) => ({ default: m.StepUpDialog })),
);

/**
 * Mounted once at the root: any API call answered STEP_UP_REQUIRED opens the step-up dialog and
 * is retried after a successful verification, so every page gets step-up without extra code.
 */
export function StepUpHost() {
  const open = useSyncExternalStore(subscribeStepUp, stepUpOpen);
  useEffect(() => {
    setStepUpHandler(requestStepUp);
    return () => setStepUpHandler(null);
  }, []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <StepUpDialog />
    </Suspense>
  );
}
