import { z } from 'zod';

// Response shapes written from the GeoReport v2 specification (wiki.open311.org/GeoReport_v2),
// strict so that an extra or misspelt field fails.

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with time zone');

export const discoverySchema = z.object({
  changeset: isoDateTime,
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({
    specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
    url: z.string().url(),
    changeset: isoDateTime,
    type: z.enum(['production', 'test']),
    formats: z.array(z.enum(['text/xml', 'application/json'])).min(1),
  }).strict()).min(1),
}).strict();

export const servicesSchema = z.array(z.object({
  jurisdiction_id: z.string().optional(),
  service_code: z.string().min(1),
  service_name: z.string().min(1),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
}).strict());

export const serviceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(z.object({
    variable: z.boolean(),
    code: z.string(),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.number().int(),
    description: z.string(),
    values: z.array(z.object({ key: z.string(), name: z.string() }).strict()).optional(),
  }).strict()),
}).strict();

export const postResponseSchema = z.array(z.object({
  service_request_id: z.string().optional(),
  token: z.string().optional(),
  service_notice: z.string().nullable(),
  account_id: z.string().nullable(),
}).strict().refine((r) => r.service_request_id || r.token, 'service_request_id or token')).length(1);

export const serviceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string().nullable(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: isoDateTime,
  updated_datetime: isoDateTime.nullable(),
  expected_datetime: isoDateTime.nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
}).strict();

export const serviceRequestsSchema = z.array(serviceRequestSchema);
export const tokensSchema = z.array(z.object({ service_request_id: z.string(), token: z.string() }).strict());
export const errorsSchema = z.array(z.object({ code: z.number().int(), description: z.string().min(1) }).strict()).min(1);
