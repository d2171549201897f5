import type { DataSource } from 'typeorm';
import type { Config } from '../config';

/** What every router and service needs; built once in app.ts, replaced in tests. */
export interface AppDeps {
  dataSource: DataSource;
  config: Config;
  /** the current time; tests pass a fixed clock */
  now: () => Date;
}
