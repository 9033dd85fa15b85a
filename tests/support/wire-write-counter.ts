/**
 * Counts the write statements a process sends to PostgreSQL, and the rows they touched, as
 * PostgreSQL itself reports them: a TCP relay between the process and the server reads the
 * CommandComplete message that ends every statement ("INSERT 0 1024", "UPDATE 512",
 * "DELETE 3", "COPY 1024") and tallies it. Nothing in the process changes but the port it
 * connects to. Rows that a statement touches indirectly (ON DELETE CASCADE) are not in the
 * tag; PostgreSQL's table statistics count those.
 */
import net from 'node:net';

export interface CommandTally {
  statements: number;
  rows: number;
}

export interface WriteCounts {
  /** INSERT, UPDATE, DELETE, MERGE and COPY … FROM statements. */
  writeStatements: number;
  /** Rows those statements reported. */
  rowsWritten: number;
  /** Every statement by its command tag's verb: SELECT, INSERT, BEGIN, COMMIT… */
  byCommand: Record<string, CommandTally>;
  /** Connections the relay could not read (TLS); their statements are not counted. */
  unreadableConnections: number;
}

const WRITE_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
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

/** Reads the backend→client half of one connection, message by message. */
class BackendStream {
  private pending = Buffer.alloc(0);
  /** Bytes of a long uninteresting message still to pass over. */
  private skip = 0;
  /** A one-byte answer to an SSL or GSS request comes first, outside the message framing. */
  expectNegotiationByte = false;
  unreadable = false;
  private copyIn = false;

  constructor(private readonly onComplete: (tag: string, copyIn: boolean) => void) {}

  feed(chunk: Buffer): void {
    if (this.unreadable) return;
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
      if (data.length === 0) return;
    }
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    if (this.expectNegotiationByte && buf.length > 0) {
      this.expectNegotiationByte = false;
      // 'S' or 'G': the rest is encrypted and cannot be read.
      if (buf[0] !== 0x4e) {
        this.unreadable = true;
        return;
      }
      buf = buf.subarray(1);
    }
    while (buf.length >= 5) {
      const type = buf[0];
      const length = buf.readUInt32BE(1);
      const total = 1 + length;
      if (buf.length < total) {
        if (type !== 0x43 && type !== 0x47 && type !== 0x48) {
          this.skip = total - buf.length;
          buf = buf.subarray(buf.length);
        }
        break;
      }
      if (type === 0x47) this.copyIn = true; // CopyInResponse: COPY … FROM STDIN
      else if (type === 0x48) this.copyIn = false; // CopyOutResponse: COPY … TO STDOUT
      else if (type === 0x43) {
        // CommandComplete: the tag, NUL-terminated.
        this.onComplete(buf.toString('utf8', 5, total - 1), this.copyIn);
        this.copyIn = false;
      }
      buf = buf.subarray(total);
    }
    this.pending = Buffer.from(buf);
  }
}

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

  private tally(tag: string, copyIn: boolean): void {
    const words = tag.split(' ');
    const verb = words[0];
    const rows = /^\d+$/.test(words[words.length - 1]) ? Number(words[words.length - 1]) : 0;
    const t = (this.counts.byCommand[verb] ??= { statements: 0, rows: 0 });
    t.statements += 1;
    t.rows += rows;
    if (WRITE_VERBS.has(verb) || (verb === 'COPY' && copyIn)) {
      this.counts.writeStatements += 1;
      this.counts.rowsWritten += rows;
    }
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(this.target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const backend = new BackendStream((tag, copyIn) => this.tally(tag, copyIn));
    let firstClientMessage = true;
    client.on('data', (chunk: Buffer) => {
      if (firstClientMessage && chunk.length >= 8) {
        firstClientMessage = false;
        const code = chunk.readUInt32BE(4);
        if (chunk.readUInt32BE(0) === 8 && (code === SSL_REQUEST || code === GSS_REQUEST)) backend.expectNegotiationByte = true;
      }
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      const wasReadable = !backend.unreadable;
      backend.feed(chunk);
      if (wasReadable && backend.unreadable) this.counts.unreadableConnections += 1;
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
