/**
 * Keys for `org.Identity.key` registered by the ES regime (GOBL `regimes/es/identities.go`).
 * They describe the document a foreign or non-NIF party is identified with; TicketBAI, SII
 * and VERI*FACTU map them to their "IDType" codes 03-06, whose official AEAT labels are the
 * Spanish names below.
 */
import type { IdentityKeyDef } from '../../tax/regime-def.ts';

export const esIdentityKeys: readonly IdentityKeyDef[] = [
  { key: 'passport', name: { en: 'Passport', es: 'Pasaporte' } },
  {
    key: 'foreign',
    name: {
      en: 'Official identity document issued by the country of residence',
      es: 'Documento oficial de identificación expedido por el país o territorio de residencia',
    },
  },
  { key: 'resident', name: { en: 'Residence certificate', es: 'Certificado de residencia' } },
  { key: 'other', name: { en: 'Other supporting document', es: 'Otro documento probatorio' } },
];
