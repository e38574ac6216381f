/**
 * `common` compiles with neither DOM nor Node typings, so it cannot touch either by accident.
 * These are the only globals it may use: standard in every runtime the app targets (Node,
 * Chromium, Electron's renderer and preload).
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly origin: string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
