/**
 * A snapshot: whole directories read once (`service-finder harvest`) into one
 * JSON file that any static host or CDN can serve. Services are already in
 * the model; they keep the directories they came from.
 */
import type { DirectoryRef, Service } from '../model/index.js';
import { base, type Dialect } from './dialect.js';
import { compact, httpUrl, isObject, text } from './normalise.js';

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

export const snapshot: Dialect = {
  name: 'snapshot',
  toService(r, fallback) {
    const d = isObject(r.directory) ? r.directory : undefined;
    const directory: DirectoryRef =
      d && text(d.id) && text(d.name)
        ? compact({ id: text(d.id)!, name: text(d.name)!, url: httpUrl(d.url) ?? fallback.url, feedbackUrl: httpUrl(d.feedbackUrl) })
        : fallback;
    const id = text(r.id)!;
    // A snapshot is data from elsewhere too: links are checked again, never trusted.
    const service: Service = { ...(r as unknown as Service), ...base(id, text(r.name)!, directory) };
    const url = httpUrl(service.url);
    if (url) service.url = url;
    else delete service.url;
    if (service.organisation) {
      const orgUrl = httpUrl(service.organisation.url);
      if (orgUrl) service.organisation.url = orgUrl;
      else delete service.organisation.url;
    }
    return service;
  },
};
