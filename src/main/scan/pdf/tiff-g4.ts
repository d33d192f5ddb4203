/**
 * A minimal single-strip TIFF around Group 4 data. Used to check the encoder against libtiff
 * (through sharp) and by anyone who wants a bilevel page as a standalone file.
 */

/** Wraps G4 data for an image of `width` × `height` (PhotometricInterpretation WhiteIsZero: 1 = black). */
export function g4Tiff(g4: Uint8Array, width: number, height: number, dpi = 300): Uint8Array {
  const entries: [number, number, number, number][] = [
    // tag, type (3 SHORT, 4 LONG, 5 RATIONAL), count, value
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 1],
    [259, 3, 1, 4],
    [262, 3, 1, 0],
    [273, 4, 1, 0], // strip offset, patched below
    [277, 3, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, g4.length],
    [282, 5, 1, 0], // x resolution → rational at the end
    [283, 5, 1, 0],
    [296, 3, 1, 2],
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const rationalOffset = ifdOffset + ifdSize;
  const dataOffset = rationalOffset + 8;
  const out = new Uint8Array(dataOffset + g4.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, ifdOffset, true);
  view.setUint16(ifdOffset, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const o = ifdOffset + 2 + i * 12;
    view.setUint16(o, tag, true);
    view.setUint16(o + 2, type, true);
    view.setUint32(o + 4, count, true);
    if (tag === 273) view.setUint32(o + 8, dataOffset, true);
    else if (type === 5) view.setUint32(o + 8, rationalOffset, true);
    else if (type === 3) view.setUint16(o + 8, value, true);
    else view.setUint32(o + 8, value, true);
  });
  view.setUint32(rationalOffset, dpi, true);
  view.setUint32(rationalOffset + 4, 1, true);
  out.set(g4, dataOffset);
  return out;
}
