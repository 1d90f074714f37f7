import type { Instrument } from '@qd/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchInstruments } from '../../api/endpoints';

/** The tradable universe: reference data, read once per session. */
export function useInstruments(): { instruments: Instrument[] | undefined; failed: boolean } {
  const q = useQuery({ queryKey: ['instruments'], queryFn: fetchInstruments, staleTime: Infinity });
  return { instruments: q.data, failed: q.isError };
}
