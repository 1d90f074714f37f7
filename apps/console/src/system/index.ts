export {
  SystemMonitor,
  SYSTEM_INTERVAL_MS,
  consoleInstanceId,
  type SystemProbes,
} from './systemMonitor';
