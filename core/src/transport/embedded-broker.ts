import { createServer, type Server } from 'node:net';

/** Where the embedded default's broker listens: loopback only, never the network. */
export const EMBEDDED_BROKER_PORT = 18830;

export interface EmbeddedBroker {
  url: string;
  close(): Promise<void>;
}

/**
 * The in-process broker of the embedded default (aedes, MQTT 3.1.1), for a machine with
 * no Mosquitto: the server's service hosts it and centres on the same machine connect
 * to it. Sessions live in memory: the outbox re-sends whatever a restart loses.
 */
export async function startEmbeddedBroker(port = EMBEDDED_BROKER_PORT, host = '127.0.0.1'): Promise<EmbeddedBroker> {
  // loaded here, not with the core: only the server's service hosts the broker
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
  // Nagle's algorithm on both ends of a local socket makes every QoS 1 exchange wait for a
  // delayed ACK (~40 ms each way, measured by the broker test): off, here and in the link.
  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    (aedes.handle as unknown as (s: import('node:net').Socket) => void)(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://${host}:${actual}`,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
