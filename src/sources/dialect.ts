import type { DirectoryRef, Service } from '../model/index.js';
import type { Raw } from './normalise.js';

/** One directory dialect: how to recognise its records and turn one into a Service. */
export interface Dialect {
  name: 'oruk-v1' | 'oruk-v3' | 'outpost' | 'snapshot' | 'openactive';
  /** Reads one raw record. Throws an Error whose message says, in plain words, why it cannot be used. */
  toService(raw: Raw, directory: DirectoryRef): Service;
}

/** The fields every adapter fills the same way. */
export function base(id: string, name: string, directory: DirectoryRef): Service {
  return { key: `${directory.id}:${id}`, id, directory, name };
}
