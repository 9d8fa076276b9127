// For --profile: a TCP proxy between the api and PostgreSQL that reads the wire protocol (without
// changing a byte) and counts, per connection, the statements sent, the round trips (one per
// ReadyForQuery), the transactions and how long the live offer's row stays locked: from the
// conditional UPDATE of live_offers to the ReadyForQuery that ends its transaction.
import { Buffer } from 'node:buffer';
import { createServer, connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const HOT_ROW = /UPDATE live_offers SET remaining = remaining -/;

/** Message framing: [type][int32 length incl. itself][body]; the client's first message has no type. */
function framer(onMessage, { untypedFirst }) {
  let buffer = Buffer.alloc(0);
  let first = untypedFirst;
  return (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (first) {
        if (buffer.length < 4) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        buffer = buffer.subarray(length);
        first = false;
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      onMessage(String.fromCharCode(buffer[0]), buffer.subarray(5, length + 1));
      buffer = buffer.subarray(length + 1);
    }
  };
}

const cString = (body, from = 0) => {
  const end = body.indexOf(0, from);
  return { text: body.toString('utf8', from, end), next: end + 1 };
};

const normalise = (sql) =>
  sql
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '$')
    .replace(/'[0-9a-f-]{36}'/g, "'…'")
    .trim()
    .slice(0, 110);

export async function startWireCounter(upstream) {
  const totals = {
    statements: 0,
    roundTrips: 0,
    /** Statements outside a transaction: each one a pool checkout of its own in TypeORM. */
    outside: 0,
    committed: { transactions: 0, statements: 0, roundTrips: 0 },
    rolledBack: { transactions: 0, statements: 0, roundTrips: 0 },
    hotRow: { holds: 0, roundTrips: 0, ms: 0 },
    byStatement: new Map(),
  };
  const server = createServer((client) => {
    const backend = connect(upstream.port, upstream.host);
    let status = 'I';
    let tx = null;
    let hot = null;
    const prepared = new Map();
    let lastParsed = '';
    const sent = (sql) => {
      totals.statements++;
      const key = `${status === 'I' ? '   ' : 'tx '}${normalise(sql)}`;
      totals.byStatement.set(key, (totals.byStatement.get(key) ?? 0) + 1);
      const begins = /^(START TRANSACTION|BEGIN)/i.test(sql);
      if (begins) tx = { statements: 0, roundTrips: 0, end: 'commit' };
      else if (status === 'I') totals.outside++;
      if (tx) {
        tx.statements++;
        if (/^ROLLBACK/i.test(sql)) tx.end = 'rollback';
      }
      if (HOT_ROW.test(sql) && !hot) hot = { at: performance.now(), roundTrips: 0 };
    };
    const fromClient = framer(
      (type, body) => {
        if (type === 'Q') sent(cString(body).text);
        else if (type === 'P') {
          const name = cString(body);
          lastParsed = cString(body, name.next).text;
          if (name.text) prepared.set(name.text, lastParsed);
        } else if (type === 'B') {
          const statement = cString(body, cString(body).next).text;
          if (statement) lastParsed = prepared.get(statement) ?? lastParsed;
        } else if (type === 'E') sent(lastParsed);
      },
      { untypedFirst: true },
    );
    const fromServer = framer(
      (type, body) => {
        if (type !== 'Z') return;
        totals.roundTrips++;
        status = String.fromCharCode(body[0]);
        if (tx) tx.roundTrips++;
        if (hot) hot.roundTrips++;
        if (status === 'I' && tx) {
          const bucket = tx.end === 'rollback' ? totals.rolledBack : totals.committed;
          bucket.transactions++;
          bucket.statements += tx.statements;
          bucket.roundTrips += tx.roundTrips;
          tx = null;
          if (hot) {
            totals.hotRow.holds++;
            totals.hotRow.roundTrips += hot.roundTrips;
            totals.hotRow.ms += performance.now() - hot.at;
            hot = null;
          }
        }
      },
      { untypedFirst: false },
    );
    client.on('data', (chunk) => {
      fromClient(chunk);
      backend.write(chunk);
    });
    backend.on('data', (chunk) => {
      fromServer(chunk);
      client.write(chunk);
    });
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    totals,
    /** Zeroes the counts (after seeding and warm-up). */
    reset() {
      totals.statements = 0;
      totals.roundTrips = 0;
      totals.outside = 0;
      for (const bucket of [totals.committed, totals.rolledBack])
        Object.assign(bucket, { transactions: 0, statements: 0, roundTrips: 0 });
      Object.assign(totals.hotRow, { holds: 0, roundTrips: 0, ms: 0 });
      totals.byStatement.clear();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
