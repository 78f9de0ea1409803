// The core's background services, each defined by its capability next to its code and listed
// here once: a host starts and stops them all (OpenedCore.services), and a new one is one line
// below. The scheduler that runs them is core/scheduler.ts.
import { scanWarmUpService } from './counter/services';
import { backupService } from './ops/service';
import type { BackgroundService } from './scheduler';
import { retentionService } from './security/retention/service';
import { syncService } from './sync/engine';
import { searchIndexService } from './supervisor/search-index';

export const services: readonly BackgroundService[] = [syncService(), retentionService, backupService, scanWarmUpService, searchIndexService];
