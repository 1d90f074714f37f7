// Bundles the server entry points into apps/{console,gateway}/dist (see lib/bundleServers.mjs).
import { bundleServers } from './lib/bundleServers.mjs';

await bundleServers();
