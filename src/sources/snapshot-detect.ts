/**
 * Telling a snapshot from a directory's page, apart from reading one: the snapshot reader (snapshot.ts) is a
 * chunk of its own, loaded when a snapshot is first read.
 */
import type { DirectoryRef, Service } from '../model/index.js';
import { isObject } from './normalise.js';

export interface Snapshot {
  format: 'service-finder-snapshot';
  version: 1;
  /** ISO date-time the snapshot was made. */
  generated: string;
  directories: DirectoryRef[];
  services: Service[];
}

export const isSnapshot = (body: unknown): body is Snapshot =>
  isObject(body) && body.format === 'service-finder-snapshot' && Array.isArray(body.services);
