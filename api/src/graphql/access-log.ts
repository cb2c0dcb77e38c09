import { type AccessLogEntry, findResidentAccessLog } from '../audit/access-log.js';
import { builder } from './builder.js';
import { LocalizedText } from './localized.js';

export const AccessLogEntryRef = builder.objectRef<AccessLogEntry>('AccessLogEntry').implement({
  description: 'One access to a resident’s data. Officials appear as their office, never by name.',
  fields: (t) => ({
    id: t.string({ resolve: (e) => e.seq.toString() }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    actorKind: t.exposeString('actorKind'),
    organisation: t.field({ type: LocalizedText, nullable: true, resolve: (e) => e.organisation }),
    service: t.exposeString('service', { nullable: true }),
    purposeSlug: t.exposeString('purposeSlug', { nullable: true }),
    purposeTitle: t.field({ type: LocalizedText, nullable: true, resolve: (e) => e.purposeTitle }),
    categories: t.exposeStringList('categories'),
    deniedCategories: t.exposeStringList('deniedCategories'),
    outcome: t.exposeString('outcome'),
  }),
});

export { findResidentAccessLog };
