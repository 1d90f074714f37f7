export { ConfigSchema, ConfigError, loadConfig, gatewayUrl, type Config } from './config';
export { isLoopbackHost } from './authProviderConfig';
