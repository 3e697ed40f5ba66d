/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the Activities API lives; empty (the default) means the SPA's own origin. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
