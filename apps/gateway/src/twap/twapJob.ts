import type { Job, TwapOrder } from '@qd/contracts';

/** A TWAP parent as a job (`jobs:{id}`): progress is the share of slices sent. */
export function jobFromTwap(t: TwapOrder): Job {
  return {
    id: t.id,
    kind: 'twap',
    status: t.status,
    statusReason: t.statusReason,
    progress: t.slices > 0 ? Math.min(1, t.slicesSent / t.slices) : 1,
    stepsDone: t.slicesSent,
    stepsTotal: t.slices,
    startedAt: t.startAt,
    updatedAt: t.updatedAt,
    twap: t,
  };
}
