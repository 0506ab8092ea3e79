/** Request bodies of the proxy API (zod): the contract the studio codes against (see proxy/README.md). */
import { z } from 'zod';

export const Zone = z.enum(['BI', 'SS', 'VI']);
export const Env = z.enum(['sandbox', 'test', 'production']);

const Document = {
  /** A GOBL envelope (built): converted by the engine. */
  envelope: z.record(z.string(), z.unknown()).optional(),
  /** Or the unsigned XML the engine produced. */
  xml: z.string().min(1).optional(),
};

export const SubmitOptions = z
  .object({
    device: z.string().max(30).optional(),
    thirdParty: z.boolean().optional(),
    activity: z.string().regex(/^\d{1,7}$/).optional(),
    book: z.enum(['issued', 'received']).optional(),
    sign: z.boolean().optional(),
    tbaiCode: z.string().optional(),
  })
  .strict();

export const SubmitBody = z
  .object({
    system: z.enum(['ticketbai', 'sii', 'verifactu']),
    zone: Zone.optional(),
    env: Env.default('sandbox'),
    ...Document,
    options: SubmitOptions.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.system === 'ticketbai' && !b.zone) ctx.addIssue({ code: 'custom', path: ['zone'], message: 'TicketBAI needs a zone: BI (Bizkaia), SS (Gipuzkoa) or VI (Araba)' });
    if (b.system !== 'ticketbai' && b.zone) ctx.addIssue({ code: 'custom', path: ['zone'], message: 'zone only applies to TicketBAI' });
    if (!b.envelope === !b.xml) ctx.addIssue({ code: 'custom', path: ['envelope'], message: 'send exactly one of envelope or xml' });
  });
export type SubmitBody = z.infer<typeof SubmitBody>;

export const SignBody = z
  .object({
    format: z.enum(['ticketbai', 'facturae', 'verifactu']),
    zone: Zone.optional(),
    xml: z.string().min(1),
    docId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional(),
    role: z.enum(['supplier', 'customer', 'third-party']).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.format === 'ticketbai' && !b.zone) ctx.addIssue({ code: 'custom', path: ['zone'], message: 'TicketBAI needs a zone: BI, SS or VI' });
  });

export const VerifyBody = z.object({ xml: z.string().min(1) }).strict();

export const CertificateBody = z
  .object({
    /** The .p12/.pfx file, base64. */
    p12: z.string().min(1),
    password: z.string(),
  })
  .strict();

export const LookupBody = z
  .object({
    env: Env.default('sandbox'),
    items: z
      .array(z.object({ nif: z.string().min(1).max(20), name: z.string().max(200).default('') }).strict())
      .min(1)
      .max(10_000),
  })
  .strict();

export const ListQuery = z
  .object({
    authority: z.string().optional(),
    issuer: z.string().optional(),
    status: z.enum(['pending', 'accepted', 'accepted_with_errors', 'rejected']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.string().optional(),
  })
  .strict();
