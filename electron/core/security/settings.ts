import type { SecuritySettings } from '../../../shared/contract/security';
import type { ReadDb } from '../../../db/open';
import { requireAgency } from '../agency';
import type { HandlersOf } from '../registry';
import { getSetting, setSetting } from '../settings';

const securitySettings = (db: ReadDb): SecuritySettings => ({
  lockoutMinutes: getSetting(db, 'lockoutMinutes'),
  idleLockMinutes: getSetting(db, 'idleLockMinutes'),
  retention: getSetting(db, 'retention'),
});

export const settingsHandlers: Pick<HandlersOf<'security'>, 'settings.get' | 'settings.update'> = {
  'settings.get': (_input, ctx) => {
    const agency = requireAgency(ctx.db, ctx.actor.agencyId);
    return { ...securitySettings(ctx.db), secretsEncrypted: ctx.secrets.encrypted, agency };
  },

  'settings.update': (input, ctx) => {
    ctx.audit.target('settings:security');
    ctx.write((db) => {
      if (input.lockoutMinutes !== undefined) setSetting(db, 'lockoutMinutes', input.lockoutMinutes);
      if (input.idleLockMinutes !== undefined) setSetting(db, 'idleLockMinutes', input.idleLockMinutes);
      if (input.retention !== undefined) setSetting(db, 'retention', input.retention);
    });
    return securitySettings(ctx.db);
  },
};
