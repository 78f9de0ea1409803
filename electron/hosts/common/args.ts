// Command-line flags shared by the browser host, the CLI and the scripts.
import { parseArgs } from 'node:util';
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
    throw new UsageError(`Opción no válida: ${(err as Error).message}`);
  }
}
