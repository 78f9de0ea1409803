// Dates in the verdicts: dd/mm/aaaa and Ecuador time, like every other message of the desk.
import { formatDateEs } from '../../../../../shared/domain/dates';
import { ECUADOR_OFFSET_MS, ecuadorDate } from '../../../ecuador-time';

export const dateEs = (ms: number) => formatDateEs(ecuadorDate(ms));
export const dateTimeEs = (ms: number) => `${dateEs(ms)} ${new Date(ms - ECUADOR_OFFSET_MS).toISOString().slice(11, 16)}`;
