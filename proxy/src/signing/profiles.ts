/**
 * XAdES-EPES profiles as data: algorithms, policy and optional properties per document family.
 * Sources: converters.md §2.1 (TicketBAI, invopop gobl.ticketbai @ convert/signatures.go and
 * xmldsig v0.14.0 profiles/facturae), §2.2 (Facturae, "Política de Firma FacturaE v3.1"), §2.3
 * (VERI*FACTU, xmldsig profiles/verifactu after AEAT's signature document v0.1.5).
 */
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
export const OBJECT_TYPE = 'http://www.w3.org/2000/09/xmldsig#Object';

export const DIGESTS = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha224: 'http://www.w3.org/2001/04/xmldsig-more#sha224',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha384: 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const;
export type DigestName = keyof typeof DIGESTS;

export interface SignaturePolicy {
  readonly identifier: string;
  readonly description?: string;
  /** DigestMethod URI written for the policy hash (invopop writes a signature URI for TicketBAI). */
  readonly hashMethod: string;
  readonly hashValue: string;
  readonly spuri?: string;
  readonly source: string;
}

export type SignerRole = 'supplier' | 'customer' | 'third-party';

export interface XadesProfile {
  readonly key: ProfileKey;
  readonly docDigest: DigestName;
  /** Type attribute of the document reference. */
  readonly docReferenceType?: string;
  /** Whether KeyInfo is signed through its own reference. */
  readonly keyInfoReference: boolean;
  readonly propertiesDigest: DigestName;
  readonly certDigest: DigestName;
  /** SigningCertificate lists the CA chain too (VERI*FACTU). */
  readonly signingCertificateChain: boolean;
  readonly policy: SignaturePolicy;
  /** ClaimedRole text per role; absent = no SignerRole. */
  readonly roles?: Readonly<Record<SignerRole, string>>;
  readonly dataObject: { readonly description?: string; readonly oidAsUrn: boolean; readonly encoding?: string };
}

export type ProfileKey = 'ticketbai-BI' | 'ticketbai-SS' | 'ticketbai-VI' | 'facturae' | 'verifactu';

const INVOPOP_TBAI_POLICY_HASH_METHOD = RSA_SHA256;

/** Accepted policy identifier/hash pairs per TicketBAI zone (converters.md §2.1 table). */
export const TBAI_POLICIES: Readonly<Record<'BI' | 'SS' | 'VI', readonly SignaturePolicy[]>> = {
  BI: [
    {
      identifier: 'https://www.batuz.eus/fitxategiak/batuz/ticketbai/sinadura_elektronikoaren_zehaztapenak_especificaciones_de_la_firma_electronica_v1_0.pdf',
      hashMethod: INVOPOP_TBAI_POLICY_HASH_METHOD,
      hashValue: 'Quzn98x3PMbSHwbUzaj5f5KOpiH0u8bvmwbbbNkO9Es=',
      source: 'Batuz, Especificaciones de la firma electrónica v1.0 (identifier used by invopop, Odoo and OCA)',
    },
  ],
  SS: [
    {
      identifier: 'https://www.gipuzkoa.eus/ticketbai/sinadura',
      hashMethod: INVOPOP_TBAI_POLICY_HASH_METHOD,
      hashValue: 'vSe1CH7eAFVkGN0X2Y7Nl9XGUoBnziDA5BGUSsyt8mg=',
      source: 'Gipuzkoa, TicketBAI Política de firma 1.0 (identifier/hash used by invopop)',
    },
    {
      identifier: 'https://www.gipuzkoa.eus/TicketBAI/signature',
      hashMethod: DIGESTS.sha256,
      hashValue: '6NrKAm60o7u62FUQwzZew24ra2ve9PRQYwC21AM6In0=',
      source: 'Odoo; 6NrKAm60… is the SHA-256 of TicketBAI_Política_firma_1_0.pdf',
    },
    {
      identifier: 'https://www.gipuzkoa.eus/ticketbai/sinadura',
      hashMethod: DIGESTS.sha256,
      hashValue: '6NrKAm60o7u62FUQwzZew24ra2ve9PRQYwC21AM6In0=',
      source: 'the identifier named in the policy PDF with the PDF hash',
    },
  ],
  VI: [
    {
      identifier: 'https://ticketbai.araba.eus/tbai/sinadura/',
      hashMethod: INVOPOP_TBAI_POLICY_HASH_METHOD,
      hashValue: '4Vk3uExj7tGn9DyUCPDsV9HRmK6KZfYdRiW3StOjcQA=',
      source: 'Araba (invopop, Odoo)',
    },
    {
      identifier: 'https://ticketbai.araba.eus/tbai/sinadura/',
      hashMethod: DIGESTS.sha256,
      hashValue: 'iOgvkX7/yHIDRRiPy/LYQ0UUn7QV8/11D1BFbs8yMuQ=',
      source: 'OCA l10n_es_ticketbai',
    },
  ],
};

export const FACTURAE_POLICY: SignaturePolicy = {
  identifier: 'http://www.facturae.es/politica_de_firma_formato_facturae/politica_de_firma_formato_facturae_v3_1.pdf',
  description: 'Política de Firma FacturaE v3.1',
  hashMethod: DIGESTS.sha1,
  hashValue: 'Ohixl6upD6av8N7pEvDABhEL6hM=',
  source: 'gobl.facturae @ facturae.go; Facturae-PHP @ src/Common/FacturaeSigner.php',
};

export const VERIFACTU_POLICY: SignaturePolicy = {
  identifier: 'urn:oid:2.16.724.1.3.1.1.2.1.9',
  hashMethod: DIGESTS.sha1,
  hashValue: 'G7roucf600+f03r/o0bAOQ6WAs0=',
  spuri: 'https://sede.administracion.gob.es/politica_de_firma_anexo_1.pdf',
  source: 'AGE signature policy (xmldsig profiles/verifactu, AEAT signature document v0.1.5)',
};

const TBAI_ROLES = { supplier: 'Supplier', customer: 'Customer', 'third-party': 'Thirdparty' } as const;

function tbai(zone: 'BI' | 'SS' | 'VI'): XadesProfile {
  return {
    key: `ticketbai-${zone}`,
    docDigest: 'sha512',
    docReferenceType: OBJECT_TYPE,
    keyInfoReference: true,
    propertiesDigest: 'sha512',
    certDigest: 'sha512',
    signingCertificateChain: false,
    policy: TBAI_POLICIES[zone][0],
    roles: TBAI_ROLES,
    dataObject: { oidAsUrn: true },
  };
}

export const PROFILES: Readonly<Record<ProfileKey, XadesProfile>> = {
  'ticketbai-BI': tbai('BI'),
  'ticketbai-SS': tbai('SS'),
  'ticketbai-VI': tbai('VI'),
  facturae: {
    key: 'facturae',
    docDigest: 'sha512',
    docReferenceType: OBJECT_TYPE,
    keyInfoReference: true,
    propertiesDigest: 'sha512',
    certDigest: 'sha512',
    signingCertificateChain: false,
    policy: FACTURAE_POLICY,
    roles: { supplier: 'supplier', customer: 'customer', 'third-party': 'third party' },
    dataObject: { description: 'Factura Electrónica', oidAsUrn: true },
  },
  verifactu: {
    key: 'verifactu',
    docDigest: 'sha256',
    keyInfoReference: false,
    propertiesDigest: 'sha256',
    certDigest: 'sha256',
    signingCertificateChain: true,
    policy: VERIFACTU_POLICY,
    dataObject: { oidAsUrn: false, encoding: 'UTF-8' },
  },
};
