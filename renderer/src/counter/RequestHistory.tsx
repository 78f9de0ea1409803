// The history of a request in words: what was done, by whom, and for each decision which one
// it was, with its catalogued reason and note. Shared by the supervisor's review and the counter.
import { Box, Typography } from '@mui/material';
import type { HistoryEntry } from '../../../shared/contract/counter';
import { REJECTION_REASONS, RETURN_REASONS, catalogLabel, catalogLabels } from '../../../shared/domain/catalogs';
import type { RequestEvent } from '../../../shared/domain/lifecycle';
import { groupedLabel, groupHistory, historyLineLabel, outcomeLabel } from '../../../shared/domain/history-wording';
import { REQUEST_ACTIVITIES } from '../../../shared/domain/request-history';
import { formatDateTimeEs } from '../../../shared/domain/dates';

// The wording (events, every audited operation, a document's verdict) and the grouping of the
// autosaves live in shared/domain/history-wording.ts, where the tests hold them to the contract.
export { EVENT_HISTORY_LABELS } from '../../../shared/domain/history-wording';

/** What was done, when it did not move the request (shared/domain/request-history.ts). */
const ACTIVITY_LABELS = catalogLabels(REQUEST_ACTIVITIES);


/** The catalogued reason in words: return reasons for devolver, rejection reasons otherwise. */
export function reasonLabel(event: RequestEvent | null, code: string | null): string | null {
  if (!code) return null;
  return catalogLabel(event === 'devolver' ? RETURN_REASONS : REJECTION_REASONS, code) ?? code;
}

export function historyAction(h: HistoryEntry): string {
  return historyLineLabel(ACTIVITY_LABELS[h.activity], h);
}

export function historyActor(h: HistoryEntry): string {
  if (h.source === 'central') return 'Servicios centrales del IESS';
  return h.actor ?? 'Sistema';
}

/**
 * The supervisor's return the clerk still has to answer: the last "devolver", unless the
 * request was sent to review again after it.
 */
export function pendingReturn(history: readonly HistoryEntry[]): HistoryEntry | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.outcome !== 'ok') continue;
    if (h.event === 'enviar_a_revision') return null;
    if (h.event === 'devolver') return h;
  }
  return null;
}

/** "Motivo: … · Observación: «…»" (central's note as it came), or null when there is neither. */
export function decisionDetail(h: Pick<HistoryEntry, 'event' | 'reasonCode' | 'note' | 'source'> & { activity?: HistoryEntry['activity'] }): string | null {
  // A signature verdict's note is the desk's own words (counter/history.ts), not an observation.
  if (h.activity === 'firma_electronica_verificada') return h.note;
  const reason = reasonLabel(h.event, h.reasonCode);
  const note = h.note ? (h.source === 'central' ? h.note : `Observación: «${h.note}»`) : null;
  const parts = [reason ? `Motivo: ${reason}` : null, note].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function RequestHistory({ entries }: { entries: readonly HistoryEntry[] }) {
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Sin registros.
      </Typography>
    );
  }
  // The autosaves of one sitting are one line: how many, from when to when.
  const lines = groupHistory(entries);
  return (
    <Box component="ol" aria-label="Historial de la solicitud" sx={{ m: 0, pl: 3 }}>
      {lines.map((line, n) => {
        const h = line.entry;
        const detail = decisionDetail(h);
        return (
          <li key={n}>
            <Typography variant="body2">
              {formatDateTimeEs(line.firstAt)} · {historyActor(h)} · <strong>{groupedLabel(historyAction(h), line)}</strong>
              {h.outcome !== 'ok' && ` (${outcomeLabel(h.outcome)})`}
            </Typography>
            {detail && (
              <Typography variant="body2" color="textSecondary" sx={{ pl: 1 }}>
                {detail}
              </Typography>
            )}
          </li>
        );
      })}
    </Box>
  );
}
