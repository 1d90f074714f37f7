export { Alerts, alertFromRow, type AlertInput } from './alerts';
export { AlertWatch, BROKER_ALERT_GAP_MS } from './alertWatch';
