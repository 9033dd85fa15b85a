/**
 * Counts the write statements a process sends to PostgreSQL, and the rows they touched, as
 * PostgreSQL itself reports them: a TCP relay between the process and the server follows
 * the protocol in both directions, pairs each statement the client runs with the
 * CommandComplete message that ends it ("INSERT 0 1024", "UPDATE 512", "DELETE 3",
 * "COPY 1024"), and tallies it. Nothing in the process changes but the port it connects to.
 *
 * A statement is a write when PostgreSQL's reply names a write (INSERT, UPDATE, DELETE,
 * MERGE, COPY … FROM), or when it is a SELECT whose text holds a data-modifying CTE
 * (`with t as (insert … returning …) select …`). The rows are the reply's: those of the
 * top-level statement only, so rows written inside a CTE, or by ON DELETE CASCADE, are not
 * in them (PostgreSQL's table statistics count those).
 */
import net from 'node:net';

export interface CommandTally {
  statements: number;
  rows: number;
}

export interface WriteCounts {
  /** Statements that wrote: see above. */
  writeStatements: number;
  /** Rows their replies reported (top-level rows: see above). */
  rowsWritten: number;
  /** Every statement by its reply's verb (SELECT, INSERT, BEGIN, COMMIT…); "WITH-WRITE" for a SELECT that wrote in a CTE. */
  byCommand: Record<string, CommandTally>;
  /** Connections the relay could not read (TLS); their statements are not counted. */
  unreadableConnections: number;
}

const WRITE_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const DATA_MODIFYING_CTE = /\(\s*(insert\s+into|update\s+[^\s(]+(\s+as)?(\s+\w+)?\s+set|delete\s+from)\s/i;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** The difference `after - before` of two snapshots. */
export function writesBetween(before: WriteCounts, after: WriteCounts): WriteCounts {
  const byCommand: Record<string, CommandTally> = {};
  for (const [verb, t] of Object.entries(after.byCommand)) {
    const b = before.byCommand[verb] ?? { statements: 0, rows: 0 };
    if (t.statements - b.statements > 0) byCommand[verb] = { statements: t.statements - b.statements, rows: t.rows - b.rows };
  }
  return {
    writeStatements: after.writeStatements - before.writeStatements,
    rowsWritten: after.rowsWritten - before.rowsWritten,
    byCommand,
    unreadableConnections: after.unreadableConnections - before.unreadableConnections,
  };
}

/** Adds snapshots (of several relays). */
export function sumWrites(...parts: WriteCounts[]): WriteCounts {
  const total: WriteCounts = { writeStatements: 0, rowsWritten: 0, byCommand: {}, unreadableConnections: 0 };
  for (const p of parts) {
    total.writeStatements += p.writeStatements;
    total.rowsWritten += p.rowsWritten;
    total.unreadableConnections += p.unreadableConnections;
    for (const [verb, t] of Object.entries(p.byCommand)) {
      const into = (total.byCommand[verb] ??= { statements: 0, rows: 0 });
      into.statements += t.statements;
      into.rows += t.rows;
    }
  }
  return total;
}

/**
 * Cuts one direction of a connection into protocol messages: a type byte and a length,
 * except the first `untyped` messages (the client's startup packets), which have no type.
 */
class MessageReader {
  private chunks: Buffer[] = [];
  private available = 0;
  /** One raw byte before the framing: the server's answer to an SSL or GSS request. */
  expectSingleByte = false;

  constructor(
    private untyped: number,
    private readonly onMessage: (type: number, body: Buffer) => void,
    private readonly onSingleByte: (byte: number) => void = () => undefined,
  ) {}

  feed(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.available += chunk.length;
    for (;;) {
      if (this.expectSingleByte) {
        if (this.available < 1) return;
        this.expectSingleByte = false;
        this.onSingleByte(this.take(1)[0]);
        continue;
      }
      const headerLength = this.untyped > 0 ? 4 : 5;
      if (this.available < headerLength) return;
      const header = this.peek(headerLength);
      const length = this.untyped > 0 ? header.readUInt32BE(0) : header.readUInt32BE(1);
      const total = (this.untyped > 0 ? 0 : 1) + length;
      if (this.available < total) return;
      const message = this.take(total);
      if (this.untyped > 0) {
        this.untyped -= 1;
        this.onMessage(0, message);
      } else {
        this.onMessage(message[0], message.subarray(5));
      }
    }
  }

  /** Another untyped message follows (the startup packet after an SSL request was refused). */
  expectUntyped(): void {
    this.untyped += 1;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.available = rest.length;
    return taken;
  }
}

const cString = (body: Buffer, from: number): [string, number] => {
  const end = body.indexOf(0, from);
  return [body.toString('utf8', from, end), end + 1];
};

export class WireWriteCounter {
  private counts: WriteCounts = { writeStatements: 0, rowsWritten: 0, byCommand: {}, unreadableConnections: 0 };
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.relay(client));
  }

  /** Starts a relay on a free loopback port in front of `targetUrl` (a postgres:// URL). */
  static async start(targetUrl: string): Promise<{ counter: WireWriteCounter; url: string }> {
    const target = new URL(targetUrl);
    const counter = new WireWriteCounter({ host: target.hostname, port: Number(target.port || 5432) });
    await new Promise<void>((resolve, reject) => {
      counter.server.once('error', reject);
      counter.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = counter.server.address() as net.AddressInfo;
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(address.port);
    return { counter, url: url.toString() };
  }

  snapshot(): WriteCounts {
    return structuredClone(this.counts);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tally(tag: string, text: string, copyIn: boolean): void {
    const words = tag.split(' ');
    let verb = words[0];
    const rows = /^\d+$/.test(words[words.length - 1]) ? Number(words[words.length - 1]) : 0;
    const writes = WRITE_VERBS.has(verb) || (verb === 'COPY' && copyIn);
    const cteWrite = !writes && verb === 'SELECT' && DATA_MODIFYING_CTE.test(text);
    if (cteWrite) verb = 'WITH-WRITE';
    const t = (this.counts.byCommand[verb] ??= { statements: 0, rows: 0 });
    t.statements += 1;
    t.rows += rows;
    if (writes || cteWrite) {
      this.counts.writeStatements += 1;
      if (writes) this.counts.rowsWritten += rows;
    }
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(this.target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let unreadable = false;
    // Statements sent and not yet answered, in order; a simple query stays until ReadyForQuery.
    const inFlight: { text: string; simple: boolean }[] = [];
    const parsed = new Map<string, string>();
    const portals = new Map<string, string>();
    let copyIn = false;

    const frontend = new MessageReader(1, (type, body) => {
      if (type === 0) {
        const code = body.length >= 8 ? body.readUInt32BE(4) : 0;
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          backend.expectSingleByte = true;
          frontend.expectUntyped();
        }
        return;
      }
      switch (String.fromCharCode(type)) {
        case 'Q':
          inFlight.push({ text: cString(body, 0)[0], simple: true });
          break;
        case 'P': {
          const [name, next] = cString(body, 0);
          parsed.set(name, cString(body, next)[0]);
          break;
        }
        case 'B': {
          const [portal, next] = cString(body, 0);
          portals.set(portal, parsed.get(cString(body, next)[0]) ?? '');
          break;
        }
        case 'E':
          inFlight.push({ text: portals.get(cString(body, 0)[0]) ?? '', simple: false });
          break;
      }
    });
    const backend = new MessageReader(0, (type, body) => {
      switch (String.fromCharCode(type)) {
        case 'G': // CopyInResponse: COPY … FROM STDIN
          copyIn = true;
          break;
        case 'H': // CopyOutResponse: COPY … TO STDOUT
          copyIn = false;
          break;
        case 'C': {
          const head = inFlight[0];
          this.tally(cString(body, 0)[0], head?.text ?? '', copyIn);
          copyIn = false;
          if (head && !head.simple) inFlight.shift();
          break;
        }
        case 'I': // EmptyQueryResponse
          if (inFlight[0] && !inFlight[0].simple) inFlight.shift();
          break;
        case 'Z': // ReadyForQuery: everything sent before the Sync is answered or discarded
          inFlight.length = 0;
          break;
      }
    }, (byte) => {
      // 'N': no encryption, the protocol goes on in clear; anything else cannot be read.
      if (byte !== 0x4e) {
        unreadable = true;
        this.counts.unreadableConnections += 1;
      }
    });

    client.on('data', (chunk: Buffer) => {
      if (!unreadable) frontend.feed(chunk);
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      if (!unreadable) backend.feed(chunk);
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
