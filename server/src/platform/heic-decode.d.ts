/** The part of heic-decode (libheif compiled to WebAssembly) the image variants use. */
declare module 'heic-decode' {
  interface Decoded { width: number; height: number; data: Uint8ClampedArray }
  interface Lazy { width: number; height: number; decode(): Promise<Decoded> }
  function decode(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<Decoded>;
  namespace decode {
    function all(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<Lazy[] & { dispose(): void }>;
  }
  export default decode;
}
