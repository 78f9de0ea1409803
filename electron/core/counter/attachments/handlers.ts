import type { AttachmentTableRow } from '../../../../db/rows';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { isStateIn, STATE_GROUPS } from '../../../../shared/domain/state-groups';
import type { DocumentType } from '../../../../shared/domain/catalogs';
import { get, run, sql } from '../../../../db/sql';
import { CallFailure } from '../../errors';
import type { HandlersOf } from '../../registry';
import { getSetting } from '../../settings';
import { assertEditable, loadRequest } from '../store';
import { inspectScan, refusalMessage } from './content';
import { safeFileName } from './file-name';
import { verifyAttachmentSignature } from './signature';
import { removeAttachmentFile, sha256, sniffMime, storeAttachment, attachmentPath } from './files';

/** Ventanilla Virtual attachments: JPG or PDF, 1 MB at most (seed 004, lines 102–104). */
export const VIRTUAL_MAX_BYTES = 1_048_576;
const MB = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

export const attachmentHandlers: Pick<HandlersOf<'counter'>, 'attachments.add' | 'attachments.get' | 'attachments.verifySignature'> = {
  'attachments.add': async ({ requestId, documentType, fileName, dataBase64 }, ctx) => {
    const editable = () => {
      const r = loadRequest(ctx, requestId);
      assertEditable(ctx, r, r.version);
      if (isStateIn(STATE_GROUPS.fileClosed, r.state)) {
        throw new CallFailure('conflict', 'No se pueden agregar adjuntos a una solicitud en este estado.');
      }
      return r;
    };
    const req = editable();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) throw new CallFailure('invalid_input', 'El archivo no llegó completo. Vuelva a adjuntarlo.');
    const data = Buffer.from(dataBase64, 'base64');
    if (data.length === 0) throw new CallFailure('invalid_input', 'El archivo está vacío.');
    const mime = sniffMime(data);
    const virtual = req.channel === 'virtual';
    if (!mime || (virtual && mime === 'image/png')) {
      throw new CallFailure('invalid_input', virtual ? 'Solo se admiten archivos JPG o PDF.' : 'Solo se admiten archivos JPG, PNG o PDF (se revisa el contenido, no el nombre).');
    }
    const max = virtual ? VIRTUAL_MAX_BYTES : getSetting(ctx.db, 'counterAttachmentMaxBytes');
    if (data.length > max) throw new CallFailure('invalid_input', `El archivo pesa ${MB(data.length)}; el máximo permitido es ${MB(max)}.`);
    // The whole file must be what its first bytes say (content.ts): a PDF header on a web page is not a PDF.
    const verdict = await inspectScan(data);
    if (!verdict.ok) throw new CallFailure('invalid_input', refusalMessage(verdict));
    editable(); // again: other calls may have moved the request while the file was read
    const id = uuidv7();
    const now = ctx.clock.now();
    const digest = sha256(data);
    const name = safeFileName(fileName, mime);
    storeAttachment(ctx.dataDir, id, mime, data);
    try {
      ctx.write((db) => {
        run(
          db,
          sql`INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at)
            VALUES (${id}, ${requestId}, ${documentType}, ${name}, ${mime}, ${data.length}, ${digest}, ${ctx.actor.userId}, ${now})`,
        );
        ctx.history.record({ documentType });
      });
    } catch (err) {
      removeAttachmentFile(ctx.dataDir, id, mime); // nothing half-recorded
      throw err;
    }
    ctx.audit.target(`attachment:${id}`);
    return { id, documentType, fileName: name, mime, size: data.length, sha256: digest, createdAt: now };
  },

  'attachments.verifySignature': async ({ id }, ctx) => {
    const row = get<Pick<AttachmentTableRow, 'requestId' | 'fileName' | 'mime' | 'sha256'> & { documentType: DocumentType }>(
      ctx.db,
      sql`SELECT request_id AS requestId, document_type AS documentType, file_name AS fileName, mime, sha256 FROM attachments WHERE id = ${id}`,
    );
    if (!row) throw new CallFailure('not_found', 'El adjunto no existe.');
    const req = loadRequest(ctx, row.requestId); // agency check; audited against the request
    const result = await verifyAttachmentSignature(ctx, { id, mime: row.mime, sha256: row.sha256 }, req);
    ctx.write(() => ctx.history.record({ documentType: row.documentType, verdict: result.verdict }));
    return { ...result, documentType: row.documentType, fileName: row.fileName === null ? null : safeFileName(row.fileName, row.mime) };
  },

  'attachments.get': ({ id }, ctx) => {
    const row = get<Pick<AttachmentTableRow, 'requestId' | 'fileName' | 'mime' | 'sha256'>>(
      ctx.db,
      sql`SELECT request_id AS requestId, file_name AS fileName, mime, sha256 FROM attachments WHERE id = ${id}`,
    );
    if (!row) throw new CallFailure('not_found', 'El adjunto no existe.');
    loadRequest(ctx, row.requestId); // agency check
    ctx.audit.target(`attachment:${id}`);
    let data: Buffer;
    try {
      data = fs.readFileSync(attachmentPath(ctx.dataDir, id, row.mime));
    } catch {
      throw new CallFailure('not_found', 'El archivo del adjunto ya no está en esta estación (pudo ser depurado por retención).');
    }
    if (sha256(data) !== row.sha256) throw new CallFailure('conflict', 'El archivo del adjunto fue alterado: su huella SHA-256 no coincide con la registrada.');
    return { mime: row.mime, fileName: row.fileName === null ? null : safeFileName(row.fileName, row.mime), dataBase64: data.toString('base64') };
  },
};
