// Numbers as people read them in Ecuador (es-EC: 1.234, 12,5). Dates and times come from
// shared/domain/dates.ts (dd/mm/aaaa, 24 h, Ecuador time), the same helpers the core prints with.
export const formatInt = (n: number) => n.toLocaleString('es-EC');
