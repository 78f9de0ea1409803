// How the browser host, the CLI, tests and benchmarks open a desk from source: the core with the
// ports a plain-Node host provides (the migrations shipped in db/migrations, the owner-only
// secrets file, the host state in memory). The desktop app passes its own (packaged
// migrations, safeStorage).
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import type { HostState, SecretStore } from '../../core/context';
import { openCore, type OpenCoreOptions, type OpenedCore } from '../../core/open';
import { memoryHostState } from './host-state';
import { fileSecretStore } from './secrets-file';

export type OpenDeskOptions = Omit<OpenCoreOptions, 'secrets' | 'migrationsDir' | 'hostState'> & { secrets?: SecretStore; migrationsDir?: string; hostState?: HostState };

export function openDesk(opts: OpenDeskOptions): OpenedCore {
  return openCore({
    ...opts,
    migrationsDir: opts.migrationsDir ?? SOURCE_MIGRATIONS_DIR, secrets: opts.secrets ?? fileSecretStore(opts.dataDir),
    hostState: opts.hostState ?? memoryHostState(),
  });
}
