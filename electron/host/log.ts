// Minimal structured logger for the hosts: one JSON line per event on stderr.
// Handlers never pass personal data as fields (see core/context.ts); issue #9 brings rotation.
import type { Logger } from '../core/context';

export function consoleLogger(host: string): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, host, message, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
