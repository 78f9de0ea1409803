// The largest input one call takes, whatever the host: the browser host's request body
// (web/server.ts) and the CLI's --file (cli/main.ts). A scan's base64 is the largest input a call
// has, and fits well under it.
export const MAX_CALL_INPUT_BYTES = 16 * 1024 * 1024;
