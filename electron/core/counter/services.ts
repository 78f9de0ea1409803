// The counter's background work: the scan check's libraries loaded before the first clerk needs
// them (attachments/content.ts). Runs once at start; later runs find them loaded and end at once.
import type { BackgroundService } from '../scheduler';
import { warmUpScanInspection } from './attachments/content';

export const scanWarmUpService: BackgroundService = {
  name: 'scans',
  firstRunAfterMs: 0,
  everyMs: 24 * 3_600_000,
  run: () => warmUpScanInspection(),
};
