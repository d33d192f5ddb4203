/**
 * The browser host's WebSocket subprotocol names, apart from the zod schemas in wire.ts so the
 * renderer's first bundle (the sign-in screen) can name them without loading zod.
 */

/** The WebSocket subprotocol; the per-run token travels as a second one, `token.<token>`. */
export const WIRE_PROTOCOL = 'ccpor-station.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
