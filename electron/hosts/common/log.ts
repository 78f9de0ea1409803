// The hosts' structured logger: pino writes one JSON line per event, with every string masked
// for personal data first (core/ops/mask.ts), to <dataDir>/logs/<host>.log, rotated by size by
// rotating-file-stream (logrotate style: <host>.log.1 is the previous file, the oldest beyond
// `keep` is deleted). Each host writes its own file: the desktop app, the browser host and the
// CLI may run on one data directory and must not rotate each other's files.
//
// pino's transports run in a worker thread that loads its target by file name, which breaks
// once main is bundled into main.cjs and packed in an asar; a plain stream destination in
// the main thread has no such problem.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { Logger } from '../../core/context';
import { LOGS_DIR } from '../../core/ops/diagnostics';
import { maskFields, maskText } from '../../core/ops/mask';

export { LOGS_DIR };

/** Where a data directory keeps its logs. */
export const logsDir = (dataDir: string) => path.join(dataDir, LOGS_DIR);

type Level = 'info' | 'warn' | 'error';

function wrap(target: pino.Logger): Logger {
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    target[level](maskFields(fields) ?? {}, maskText(message));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

const pinoOptions = (host: string): pino.LoggerOptions => ({
  base: { host },
  messageKey: 'message',
  timestamp: pino.stdTimeFunctions.isoTime,
  // Readable level names in the file: IT staff grep for "error", not for 50.
  formatters: { level: (label) => ({ level: label }) },
});

/** One JSON line per event on stderr, masked (no data directory known yet, or a script). */
export function consoleLogger(host: string): Logger {
  return wrap(pino(pinoOptions(host), pino.destination({ dest: 2, sync: true })));
}

export interface FileLoggerOptions {
  dataDir: string;
  /** 'electron', 'web', 'cli': also the file name. */
  host: string;
  /** Rotate when the file reaches this size (rotating-file-stream syntax). */
  size?: `${number}${'B' | 'K' | 'M' | 'G'}`;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also write to stderr (development, the browser host's terminal). */
  stderr?: boolean;
}

export interface FileLogger extends Logger {
  readonly file: string;
  /** Flushes and closes the file; resolves once everything written is on disk. */
  close(): Promise<void>;
}

export function fileLogger(opts: FileLoggerOptions): FileLogger {
  const dir = logsDir(opts.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${opts.host}.log`;
  const file: RotatingFileStream = createStream(name, {
    path: dir,
    size: opts.size ?? '5M',
    rotate: opts.keep ?? 9,
    mode: 0o600,
  });
  // A full disk or a removed folder must not take the app down with it.
  file.on('error', () => {});
  const streams: pino.StreamEntry[] = [{ stream: file, level: 'info' }];
  if (opts.stderr) streams.push({ stream: pino.destination({ dest: 2, sync: true }), level: 'info' });
  const logger = wrap(pino(pinoOptions(opts.host), pino.multistream(streams)));
  // One close for everyone who asks (will-quit and a test may both): it settles when the
  // stream has flushed, not when end() was merely called.
  let closing: Promise<void> | null = null;
  return {
    ...logger,
    file: path.join(dir, name),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        if (file.destroyed) return resolve();
        file.once('close', () => resolve());
        file.once('finish', () => resolve());
        file.end();
      })),
  };
}
