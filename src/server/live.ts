/**
 * Server-sent events to connected viewers (GET /api/v1/events/stream): one `version` event per
 * published version, so a timeline can add the date without a reload. Public: it carries only what
 * GET /api/v1/versions shows.
 */
import type { ServerResponse } from 'node:http';

export class LiveHub {
  private clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout;
  private nextId = 1;

  constructor(heartbeatMs = 25_000) {
    // Comments keep proxies from closing an idle stream.
    this.timer = setInterval(() => { for (const c of this.clients) c.write(': ping\n\n'); }, heartbeatMs);
    this.timer.unref();
  }

  get size(): number { return this.clients.size; }

  add(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 5000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  broadcast(event: string, data: unknown): void {
    const message = `id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.write(message);
  }

  close(): void {
    clearInterval(this.timer);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
