// A TCP proxy that behaves like a slow link: each direction goes through a token bucket
// (bytes per second, small burst), optionally delayed by a fixed one-way latency, and
// every byte forwarded is counted. Everything MQTT puts on the connection is counted:
// CONNECT, PUBLISH headers and topics, PUBACK, PINGREQ… TCP/IP headers are not (the
// proxy sees the byte stream, not the packets): see the note in docs/PERFORMANCE.md.

import { createServer, connect } from 'node:net';

const HIGH_WATER = 64 * 1024; // pause the sender beyond this much queued at the "modem"

class Shaper {
  /** @param {number} bytesPerSecond 0 = unlimited */
  constructor(bytesPerSecond, delayMs, counter, key) {
    this.rate = bytesPerSecond;
    this.burst = bytesPerSecond > 0 ? Math.max(64, Math.floor(bytesPerSecond / 50)) : Infinity; // 20 ms of link
    this.tokens = this.burst;
    this.last = performance.now();
    this.delayMs = delayMs;
    this.queue = [];
    this.queued = 0;
    this.timer = undefined;
    this.counter = counter;
    this.key = key;
    this.dest = undefined;
    this.source = undefined;
    this.ended = false;
    this.closed = false;
    this.backlogged = false;
  }

  attach(source, dest) {
    this.source = source;
    this.dest = dest;
  }

  push(chunk) {
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > HIGH_WATER) this.source.pause();
    this.pump();
  }

  end() {
    this.ended = true;
    this.pump();
  }

  forward(buf) {
    this.counter[this.key] += buf.length;
    if (this.delayMs > 0) setTimeout(() => this.closed || this.dest.write(buf), this.delayMs);
    else this.dest.write(buf);
  }

  pump() {
    if (this.timer || this.closed) return;
    if (this.rate === 0) {
      for (const c of this.queue) this.forward(c);
      this.queue = [];
      this.queued = 0;
    } else {
      const now = performance.now();
      // A late timer must not cost link time: while backlogged, tokens accrue uncapped
      // (they are spent at once); an idle link only saves up one burst.
      const accrued = this.tokens + ((now - this.last) / 1000) * this.rate;
      this.tokens = this.backlogged ? accrued : Math.min(this.burst, accrued);
      this.last = now;
      while (this.queue.length > 0 && this.tokens >= 1) {
        const c = this.queue[0];
        const n = Math.min(c.length, Math.floor(this.tokens));
        this.forward(n === c.length ? c : c.subarray(0, n));
        if (n === c.length) this.queue.shift();
        else this.queue[0] = c.subarray(n);
        this.tokens -= n;
        this.queued -= n;
      }
      this.backlogged = this.queue.length > 0;
      if (this.queue.length > 0) {
        const need = Math.min(this.queue[0].length, this.burst) - this.tokens;
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.max(1, Math.ceil((need / this.rate) * 1000)));
      }
    }
    if (this.queued <= HIGH_WATER / 2 && this.source?.isPaused()) this.source.resume();
    if (this.ended && this.queue.length === 0) {
      if (this.delayMs > 0) setTimeout(() => this.dest.end(), this.delayMs);
      else this.dest.end();
    }
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

/**
 * Listens on a free 127.0.0.1 port and forwards to `target`. `upBps` limits client → target
 * (the centre's uplink), `downBps` target → client; 0 = unlimited. `delayMs` is added one way,
 * in each direction. `bytes.up` / `bytes.down` count what crossed.
 */
export async function startThrottledProxy({ targetPort, targetHost = '127.0.0.1', upBps, downBps, delayMs = 0 }) {
  const bytes = { up: 0, down: 0, connections: 0 };
  const sockets = new Set();
  const server = createServer((client) => {
    bytes.connections++;
    const upstream = connect(targetPort, targetHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    const up = new Shaper(upBps, delayMs, bytes, 'up');
    const down = new Shaper(downBps, delayMs, bytes, 'down');
    up.attach(client, upstream);
    down.attach(upstream, client);
    client.on('data', (d) => up.push(d));
    upstream.on('data', (d) => down.push(d));
    client.on('end', () => up.end());
    upstream.on('end', () => down.end());
    const kill = () => {
      up.close();
      down.close();
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', () => {
      sockets.delete(client);
      if (up.queue.length === 0) kill();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (down.queue.length === 0) kill();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    bytes,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  };
}
