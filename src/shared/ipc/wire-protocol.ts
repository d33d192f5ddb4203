/**
 * The browser host's WebSocket subprotocol names, apart from the zod schemas in wire.ts so the
 * renderer's first bundle (the sign-in screen) can name them without loading zod.
 */

/**
 * The WebSocket subprotocol. The connection's credential is not here: it is the session cookie the
 * browser got for its one-time launch address (src/main/host/launch.ts), which no script can read.
 */
export const WIRE_PROTOCOL = 'ccpor-station.v1';
