// Command-line flags shared by the browser host, the CLI and the scripts.
import { parseArgs } from 'node:util';
import { shownArg } from './echo';
import { defaultDataDir } from './paths';

export class UsageError extends Error {}

export interface HostFlags {
  dataDir: string;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** Parses `--data-dir` plus the extra string flags a tool declares; unknown flags are an error. */
export function parseHostArgs(argv: string[], extra: Record<string, 'string' | 'boolean'> = {}): HostFlags {
  const options: Record<string, { type: 'string' | 'boolean' }> = { 'data-dir': { type: 'string' } };
  for (const [name, type] of Object.entries(extra)) options[name] = { type };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir();
    return { dataDir, positionals, values: values as HostFlags['values'] };
  } catch (err) {
    const known = Object.keys(options).map((o) => `--${o}`).join(', ');
    throw new UsageError(`${spanishParseError(err as Error & { code?: string })} Opciones válidas: ${known}.`);
  }
}

/**
 * node:util parseArgs only speaks English and carries the offending option only inside its
 * message (no property), so the option is read back from that text; anything unrecognised
 * still gets a Spanish sentence.
 */
function spanishParseError(err: Error & { code?: string }): string {
  const raw = /'([^']+)'/.exec(err.message)?.[1]?.replace(/ <value>$/, '');
  // The option is what was typed: shown escaped and cut, never obeyed by the terminal (echo.ts).
  const quoted = raw === undefined ? undefined : shownArg(raw);
  if (!quoted) return 'Opción no válida.';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Opción desconocida: ${quoted}.`;
  if (/argument missing/.test(err.message)) return `Falta el valor de ${quoted}.`;
  if (/does not take an argument/.test(err.message)) return `La opción ${quoted} no lleva valor.`;
  return `Opción no válida: ${quoted}.`;
}
