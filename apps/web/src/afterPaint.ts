/**
 * Runs `run` in the task after the next frame has been painted (rAF runs just before paint, a
 * task queued from it runs after that frame). Returns a function that cancels it.
 */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Resolves in the task after the next frame has been painted. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    afterNextPaint(resolve);
  });
}

/**
 * Runs `run` after the next frame has been painted and after the tasks other code had already
 * queued for that moment (one more task hop than `afterNextPaint`). For work that follows a frame
 * but must not hold up whatever else was waiting for it, such as a request started once a dialog
 * is on screen. Returns a function that cancels it.
 */
export function afterNextPaintTasks(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelPaint = afterNextPaint(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelPaint();
    clearTimeout(timer);
  };
}
