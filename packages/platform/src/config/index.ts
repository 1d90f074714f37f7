export { ConfigSchema, ConfigError, loadConfig, gatewayUrl, type Config } from './config';
