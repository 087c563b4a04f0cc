export * from '@docstream/core';
export { runBrokerTest, redactBrokerUrl } from '../../../core/dist/transport/broker-test.js';
