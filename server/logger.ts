import { pino, type Logger } from 'pino';
import type { ServerConfig } from './config';

/** One pino logger per process: Fastify's request logs, the database layer and start-up share it. */
export const createLogger = (config: Pick<ServerConfig, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
