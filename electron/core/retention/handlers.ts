import type { AttachmentMime } from '../attachments/files';
import { removeAttachmentFile } from '../attachments/files';
import type { Handlers } from '../registry';
import { getSetting } from '../settings';
import { purgeExpiredPersonalData } from './purge';

export const retentionHandlers: Pick<Handlers, 'retention.purge'> = {
  'retention.purge': (_input, ctx) => {
    ctx.audit.target(`agency:${ctx.actor.agencyId}:retention`);
    const now = ctx.clock.now();
    const counts = ctx.write(() => purgeExpiredPersonalData(ctx.db.$client, now, getSetting(ctx.db, 'retention')));
    // Scans of identity documents are personal data too: their files go after the commit.
    const scans = ctx.db.$client
      .prepare('SELECT a.id, a.mime FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.personal_data_purged_at = ?')
      .all(now) as { id: string; mime: AttachmentMime }[];
    for (const scan of scans) removeAttachmentFile(ctx.dataDir, scan.id, scan.mime);
    return counts;
  },
};
