// The `bencode` package (v4) ships no types; only what the ng client uses is declared.
declare module 'bencode' {
  type Bencodable = string | number | Uint8Array | readonly Bencodable[] | { readonly [key: string]: Bencodable };
  const bencode: {
    encode(value: Bencodable): Uint8Array;
    /** Byte strings come back as Uint8Array (the encoding argument of v4 throws on dictionaries). */
    decode(data: Uint8Array): unknown;
  };
  export default bencode;
}
