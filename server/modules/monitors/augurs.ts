import fs from 'node:fs';
import path from 'node:path';

// @bsull/augurs ships ES modules only (wasm-bindgen glue). This package compiles to CommonJS, so the
// modules are loaded with require() — Node ≥ 20.19 loads ES modules synchronously that way, and jest
// compiles them (jest.config.js transforms @bsull/augurs) — and typed from their declarations.
type MstlModule = typeof import('@bsull/augurs/mstl', { with: { 'resolution-mode': 'import' } });
type EtsModule = typeof import('@bsull/augurs/ets', { with: { 'resolution-mode': 'import' } });
type SeasonsModule = typeof import('@bsull/augurs/seasons', { with: { 'resolution-mode': 'import' } });
type OutlierModule = typeof import('@bsull/augurs/outlier', { with: { 'resolution-mode': 'import' } });

export interface Augurs {
  mstl: MstlModule;
  ets: EtsModule;
  seasons: SeasonsModule;
  outlier: OutlierModule;
}

let loaded: Augurs | undefined;

/**
 * The augurs modules, each initialised once with its own `_bg.wasm` (initSync: in Node the glue
 * cannot fetch the file itself). Lazy, so importing the detector costs nothing until it is used.
 */
export function augurs(): Augurs {
  if (loaded) return loaded;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const modules: Augurs = {
    mstl: require('@bsull/augurs/mstl') as MstlModule,
    ets: require('@bsull/augurs/ets') as EtsModule,
    seasons: require('@bsull/augurs/seasons') as SeasonsModule,
    outlier: require('@bsull/augurs/outlier') as OutlierModule,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = path.dirname(require.resolve('@bsull/augurs/mstl'));
  for (const name of Object.keys(modules) as (keyof Augurs)[]) {
    modules[name].initSync({ module: fs.readFileSync(path.join(dir, `${name}_bg.wasm`)) });
  }
  loaded = modules;
  return loaded;
}
