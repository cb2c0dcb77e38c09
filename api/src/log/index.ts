// Structured logs with pino. Personal data never reaches a log line: the paths below are
// redacted wherever they appear, and request logging records only method, path and status.
import { type Logger, pino } from 'pino';

export type { Logger };

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.personalIdentityCode',
  '*.pic',
  '*.email',
  '*.phone',
  '*.firstName',
  '*.lastName',
  '*.streetAddress',
  '*.token',
  '*.refreshToken',
  '*.client_assertion',
  'variables',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'lupa-api' } }, destination);
}
