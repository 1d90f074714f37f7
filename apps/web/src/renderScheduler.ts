import { options } from 'preact';

// Preact flushes re-renders in a microtask. A component that suspends on a promise that has already
// settled (TanStack Router's match throws its navigation's promise while the navigation commits)
// is retried in the next microtask, and again, and the event loop never gets the turn that would
// finish the navigation: the tab hangs. React retries suspended work from its scheduler, a task
// later. So after a run of flushes with no task in between, the next flush waits for a task.
const MAX_CHAINED_FLUSHES = 20;
let chained = 0;
let resetQueued = false;

/** Installs Preact's render scheduler: microtask flushes, but at most a run of them per task. */
export function installRenderScheduler(): void {
  options.debounceRendering = (flush) => {
    if (!resetQueued) {
      resetQueued = true;
      setTimeout(() => {
        chained = 0;
        resetQueued = false;
      });
    }
    if (++chained > MAX_CHAINED_FLUSHES) setTimeout(flush);
    else queueMicrotask(flush);
  };
}
