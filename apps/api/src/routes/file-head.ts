// A HEAD for a file the API streams (a country's report, the audit trail): answered with the
// GET's headers, its type and name, without computing the file, and without a length. The GET
// streams without one; an empty text would have Fastify's HEAD handler say 0 bytes, which a
// download manager would take for the file's size.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const fileHead = (reply: FastifyReply) => reply.send(Readable.from([]) as never);
