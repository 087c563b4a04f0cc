import { createRequire } from 'node:module';
import type * as Mqtt from 'mqtt';

const require = createRequire(import.meta.url);
let lib: typeof Mqtt | undefined;

/**
 * mqtt.js, loaded on the first connection rather than by every start of a console or
 * command that never transmits (it takes ~0.2 s of CPU). `require` keeps `openLink`
 * synchronous; Node resolves `mqtt` to the same CommonJS build for import and require.
 */
export function mqttLib(): typeof Mqtt {
  return (lib ??= require('mqtt') as typeof Mqtt);
}
