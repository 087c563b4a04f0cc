import { runBrokerTest } from './dist/transport/broker-test.js';
for (let i = 0; i < 12; i++) {
  try {
    const r = await runBrokerTest({ url: 'mqtt://127.0.0.1:1883', count: 1000, roundTrips: 5, payloadBytes: 49152, timeoutMs: 3000 });
    console.log('ok', r.throughput.received, r.throughput.messagesPerSecond|0);
  } catch (e) { console.log('ERR', e.en.slice(0, 200)); }
}
