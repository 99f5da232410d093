// Closing without leaving anyone unanswered: every request the server was sent before it stopped
// listening is read and answered, and the connections end with their answers, so that a stop
// signal ends the process in a few seconds at most.
import { setImmediate as nextTurn, setTimeout as pause } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Before it stops listening, the server reads what was already sent to it: Node ends a connection
 * whose request it has not yet read as idle, and the client, having sent it, sees a reset.
 */
const READ_PENDING_MS = 100;

export interface GracefulCloseOptions {
  /** How long requests in flight (long exports) may run on once closing starts; then they are cut. */
  graceMs: number;
}

async function gracefulClose(app: FastifyInstance, options: GracefulCloseOptions) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    if (!app.server.listening) return;
    // one turn of the event loop reads what has arrived, a second the connections just accepted
    await pause(READ_PENDING_MS);
    await nextTurn();
    await nextTurn();
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
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
}

export default fp(gracefulClose, { name: 'graceful-close' });
