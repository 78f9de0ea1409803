// Dates and times as people read them in Ecuador: dd/mm/aaaa, 24 h, America/Guayaquil.
const dateTime = new Intl.DateTimeFormat('es-EC', {
  timeZone: 'America/Guayaquil',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const date = new Intl.DateTimeFormat('es-EC', { timeZone: 'America/Guayaquil', day: '2-digit', month: '2-digit', year: 'numeric' });

export const formatDateTime = (ms: number) => dateTime.format(ms);
export const formatIsoDate = (iso: string) => date.format(new Date(`${iso}T12:00:00-05:00`));
export const formatInt = (n: number) => n.toLocaleString('es-EC');

/** yyyy-mm-dd → dd/mm/aaaa for the eye; anything else (a date half typed) is shown as typed. */
export const isoToEs = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v);

/**
 * dd/mm/aaaa as typed (slashes added while typing) → yyyy-mm-dd once complete. A native date
 * input would follow the operating system's locale (mm/dd in many installations).
 */
export function esToIso(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  const shown = digits.length > 4 ? `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}` : digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
  return digits.length === 8 ? `${digits.slice(4, 8)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}` : shown;
}
