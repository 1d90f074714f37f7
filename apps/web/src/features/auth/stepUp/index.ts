// Step-up front door: mount <StepUpHost /> once; call requestStepUp() (or let any API call that
// answers STEP_UP_REQUIRED do it) to ask the user to verify again before a sensitive action.
import { requestStepUp } from './stepUpStore';

export { StepUpHost } from './StepUpHost';
export { requestStepUp } from './stepUpStore';

/** Hook form for components: `const stepUp = useStepUp(); if (await stepUp()) …`. */
export function useStepUp(): () => Promise<boolean> {
  return requestStepUp;
}
