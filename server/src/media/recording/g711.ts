// G.711 decoding (ITU-T G.711, as in Sun's g711.c): A-law (PCMA, payload type 8) and u-law
// (PCMU, payload type 0) bytes to 16-bit linear samples, as lookup tables built once.

function alawToLinear(a: number): number {
  a ^= 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

function ulawToLinear(u: number): number {
  u = ~u & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

export const ALAW = Int16Array.from({ length: 256 }, (_, i) => alawToLinear(i));
export const ULAW = Int16Array.from({ length: 256 }, (_, i) => ulawToLinear(i));
