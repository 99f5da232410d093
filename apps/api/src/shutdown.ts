// Closing without leaving anyone unanswered: every request the server was sent before it stopped
// listening is read and answered, and the connections end with their answers, so that a stop
// signal ends the process in a few seconds at most.
import type { IncomingMessage } from 'node:http';
import net, { type Socket } from 'node:net';
import { setTimeout as pause } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * A request the server was sent is lost in two ways when it closes: a connection still waiting
 * in the kernel's queue to be accepted is reset when the server stops listening, and Node ends
 * every accepted connection without a request under way as idle, though its request may be
 * waiting to be read. So the server goes on accepting until no new connection has come for a
 * moment (and a few turns of the event loop: what waits in the kernel is taken in the next turn),
 * at most ACCEPT_AT_MOST_MS; then stops listening, and waits the same way for each accepted
 * connection's request to be read before the idle ones are ended.
 */
const QUIET_MS = 100;
const QUIET_TURNS = 3;
const ACCEPT_AT_MOST_MS = 1000;

/** Resolves once `settled()` holds, or nothing has changed for QUIET_MS and QUIET_TURNS, or at `until`. */
async function quiet(lastChange: () => number, settled: () => boolean, until: number) {
  let turns = 0;
  let seen = lastChange();
  while (!settled() && Date.now() < until) {
    if (lastChange() !== seen) {
      seen = lastChange();
      turns = 0;
    }
    if (turns >= QUIET_TURNS && Date.now() - seen >= QUIET_MS) return;
    await pause(10);
    turns++;
  }
}

export interface GracefulCloseOptions {
  /** How long requests in flight (long exports) may run on once closing starts; then they are cut. */
  graceMs: number;
}

async function gracefulClose(app: FastifyInstance, options: GracefulCloseOptions) {
  let closing = false;
  let drained = false;
  const connections = new Set<Socket>();
  const used = new WeakSet<Socket>();
  let lastConnection = 0;
  let lastRequest = 0;
  app.server.on('connection', (socket: Socket) => {
    connections.add(socket);
    lastConnection = Date.now();
    socket.once('close', () => connections.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage) => {
    used.add(request.socket);
    lastRequest = Date.now();
  });

  app.addHook('preClose', async () => {
    closing = true;
    if (!app.server.listening) return;
    const started = Date.now();
    // take the connections already queued for this server, then stop accepting (without ending
    // idle connections yet, as http.Server#close would)
    await quiet(
      () => Math.max(lastConnection, started),
      () => false,
      started + ACCEPT_AT_MOST_MS,
    );
    net.Server.prototype.close.call(app.server);
    const stopped = Date.now();
    const unread = () => [...connections].some((socket) => !used.has(socket) && !socket.destroyed);
    await quiet(
      () => Math.max(lastRequest, stopped),
      () => !unread(),
      stopped + ACCEPT_AT_MOST_MS,
    );
    drained = true;
    // what still runs after the grace is cut: its client sees the answer end early, not a whole one
    const cut = setTimeout(() => {
      app.log.warn({ graceMs: options.graceMs }, 'shutting down: cutting the answers still being sent');
      app.server.closeAllConnections();
    }, options.graceMs);
    cut.unref();
    app.server.once('close', () => clearTimeout(cut));
  });
  // While closing, each answer ends its connection, and a connection whose answer began before
  // (a workbook streaming out) ends once it is sent, instead of waiting for its keep-alive timeout.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    if (drained) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
}

export default fp(gracefulClose, { name: 'graceful-close' });
