// Imports every module that registers types on the builder, then builds the schema.
import { builder } from './builder.js';
import './errors.js';
import './organisation.js';
import './service.js';
import './data-category.js';
import './purpose.js';
import './officer.js';
import './officer-lockouts.js';
import './resident.js';
import './resident-queries.js';
import './service-operations.js';
import './audit.js';
import './audit-events.js';
import './resident-lookup.js';
import './viewer.js';
import './notice.js';
import './audience.js';
import './campaign.js';
import './insight.js';
import './dashboard.js';
import './anomalies.js';
import './purpose-review.js';

export const schema = builder.toSchema({ sortSchema: true });
