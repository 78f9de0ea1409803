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
