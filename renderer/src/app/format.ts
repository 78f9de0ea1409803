// Numbers as people read them in Ecuador (es-EC: 1.234, 12,5). Dates and times come from
// shared/domain/dates.ts (dd/mm/aaaa, 24 h, Ecuador time), the same helpers the core prints with.
// One formatter for the app: Number.prototype.toLocaleString with a locale builds a new one (and
// looks up its locale data) at every call, which the queue screen's badges paid at each render.
const INTEGER = new Intl.NumberFormat('es-EC');
export const formatInt = (n: number) => INTEGER.format(n);
