// Where a container's time goes on the server, without touching the core: the Database
// handed to createServer is wrapped to time every statement and transaction (including the
// wait for a pooled connection), and the server's ingest.receive / transport.markSent are
// wrapped to time a container from the moment a worker starts it until its answer is
// published (markSent runs once the broker has acknowledged the answer).

export function tracedDatabase(db) {
  const stats = new Map();
  const record = (key, ms) => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    stats.set(key, s);
  };
  const label = (sql) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  const wrapQ = (q, prefix) => ({
    async query(sql, params) {
      const t = performance.now();
      try {
        return await q.query(sql, params);
      } finally {
        record(`${prefix}${label(sql)}`, performance.now() - t);
      }
    },
  });
  const traced = {
    get embedded() {
      return db.embedded;
    },
    get description() {
      return db.description;
    },
    query: wrapQ(db, 'pool: ').query,
    async tx(fn) {
      const t = performance.now();
      let inside = 0;
      try {
        return await db.tx(async (q) => {
          inside = performance.now();
          record('tx: wait for a connection + BEGIN', inside - t);
          return fn(wrapQ(q, 'tx:   '));
        });
      } finally {
        record('tx: whole transaction, BEGIN to COMMIT', performance.now() - t);
      }
    },
    withConnection: (fn) => db.withConnection(fn),
    close: () => db.close(),
  };
  return { db: traced, stats, reset: () => stats.clear() };
}

/** Wraps the server's ingest and markSent; returns per-container timings. */
export function traceServer(server) {
  const spans = { receive: { n: 0, ms: 0 }, untilPublished: { n: 0, ms: 0 } };
  const ended = new Map(); // "dst/seq" of the answer → when receive returned
  const receive = server.ingest.receive.bind(server.ingest);
  server.ingest.receive = async (bytes, src) => {
    const t = performance.now();
    const r = await receive(bytes, src);
    const now = performance.now();
    spans.receive.n++;
    spans.receive.ms += now - t;
    for (const reply of r.replies) ended.set(`${reply.dst}/${reply.seq}`, now);
    return r;
  };
  // From a325c74 the service hands the ingest a batch of containers at once.
  if (typeof server.ingest.receiveBatch === 'function') {
    const receiveBatch = server.ingest.receiveBatch.bind(server.ingest);
    server.ingest.receiveBatch = async (items) => {
      const t = performance.now();
      const results = await receiveBatch(items);
      const now = performance.now();
      spans.receive.n += items.length;
      spans.receive.ms += (now - t) * items.length; // each container waits for the whole batch
      for (const r of results) for (const reply of r.replies) ended.set(`${reply.dst}/${reply.seq}`, now);
      return results;
    };
  }
  const markSent = server.transport.markSent.bind(server.transport);
  server.transport.markSent = async (items) => {
    const now = performance.now();
    for (const i of items) {
      const t = ended.get(`${i.dst}/${i.seq}`);
      if (t === undefined) continue;
      ended.delete(`${i.dst}/${i.seq}`);
      spans.untilPublished.n++;
      spans.untilPublished.ms += now - t;
    }
    return markSent(items);
  };
  return { spans, reset: () => ((spans.receive = { n: 0, ms: 0 }), (spans.untilPublished = { n: 0, ms: 0 })) };
}

export function traceReport(dbTrace, serverTrace, containers) {
  const lines = [];
  const s = serverTrace.spans;
  lines.push(`  per container (averages): ingest (receive, or its batch's receiveBatch) ${(s.receive.ms / Math.max(1, s.receive.n)).toFixed(2)} ms, then publishing the answer until the broker's PUBACK ${(s.untilPublished.ms / Math.max(1, s.untilPublished.n)).toFixed(2)} ms`);
  const rows = [...dbTrace.stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 18);
  lines.push('  database calls (total ms over the run / calls; per container ms):');
  for (const [k, v] of rows) lines.push(`    ${(v.ms / containers).toFixed(2).padStart(7)} ms/container ${String(v.n).padStart(7)} × ${(v.ms / v.n).toFixed(2).padStart(6)} ms  ${k}`);
  return lines.join('\n');
}
