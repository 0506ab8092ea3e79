/**
 * The certificate inspector: what the studio shows about the configured certificate. Public data
 * only (subject, issuer, holder NIF, validity, usages) plus warnings a user can act on.
 */
import type { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { Credential } from './credential.ts';
import { forgeCertificate, subjectAttributes } from './names.ts';

export type CertificateWarning =
  | 'expired'
  | 'not_yet_valid'
  | 'expiring_soon'
  | 'no_digital_signature_usage'
  | 'no_client_auth_usage'
  | 'self_signed'
  | 'no_holder_nif'
  | 'weak_key';

export interface CertificateInfo {
  readonly source: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly holder: { readonly name?: string; readonly nif?: string; readonly personNif?: string; readonly organization?: string };
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysLeft: number;
  readonly keyUsage: readonly string[];
  readonly extendedKeyUsage: readonly string[];
  readonly key: { readonly type: string; readonly bits?: number };
  readonly fingerprintSha256: string;
  readonly chainLength: number;
  readonly warnings: readonly CertificateWarning[];
}

const NIF = /\b([0-9XYZKLM][0-9]{7}[A-Z]|[A-HJNPQRSUVW][0-9]{7}[0-9A-J])\b/;
const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Finds the holder's tax ID: organizationIdentifier (VATES-…), serialNumber (IDCES-…), or the CN. */
export function holderOf(der: Uint8Array): CertificateInfo['holder'] {
  const attrs = subjectAttributes(der);
  const get = (oid: string) => attrs.find((a) => a.type === oid)?.value;
  const orgId = get('2.5.4.97');
  const serial = get('2.5.4.5');
  const cn = get('2.5.4.3');
  const org = orgId?.match(/^VAT[A-Z]{2}-(.+)$/)?.[1] ?? cn?.match(/\(R:\s*([A-Z0-9]{9})\)/)?.[1];
  const person = serial?.replace(/^(IDC|PAS|TIN)[A-Z]{2}-/, '').match(NIF)?.[1] ?? cn?.match(NIF)?.[1];
  return { name: cn, nif: org ?? person, personNif: person, organization: get('2.5.4.10') };
}

const KU_NAMES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;

function usages(der: Uint8Array): { keyUsage: string[]; extendedKeyUsage: string[] } {
  const cert = forgeCertificate(der);
  const ku = cert.getExtension('keyUsage') as Record<string, boolean> | null;
  const eku = cert.getExtension('extKeyUsage') as Record<string, boolean | string> | null;
  const keyUsage = ku ? KU_NAMES.filter((n) => ku[n]) : [];
  const extendedKeyUsage: string[] = [];
  if (eku) {
    for (const [k, v] of Object.entries(eku)) if (v === true && !['id', 'critical', 'value', 'name'].includes(k)) extendedKeyUsage.push(k);
  }
  return { keyUsage, extendedKeyUsage };
}

const oneLine = (dn: string) => dn.split('\n').reverse().join(', ');

export function inspectCertificate(cred: Credential, now: Date): CertificateInfo {
  const leaf: X509Certificate = cred.leaf;
  const der = cred.chain[0];
  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  const { keyUsage, extendedKeyUsage } = usages(der);
  const holder = holderOf(der);
  const warnings: CertificateWarning[] = [];
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  if (now > validTo) warnings.push('expired');
  else if (now < validFrom) warnings.push('not_yet_valid');
  else if (daysLeft < EXPIRING_DAYS) warnings.push('expiring_soon');
  if (keyUsage.length > 0 && !keyUsage.includes('digitalSignature') && !keyUsage.includes('nonRepudiation')) warnings.push('no_digital_signature_usage');
  if (extendedKeyUsage.length > 0 && !extendedKeyUsage.includes('clientAuth')) warnings.push('no_client_auth_usage');
  if (leaf.subject === leaf.issuer) warnings.push('self_signed');
  if (!holder.nif) warnings.push('no_holder_nif');
  if (cred.keyType === 'rsa' && (cred.keyBits ?? 0) < 2048) warnings.push('weak_key');
  return {
    source: cred.source,
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    serialNumber: leaf.serialNumber,
    holder,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft,
    keyUsage,
    extendedKeyUsage,
    key: { type: cred.keyType, bits: cred.keyBits },
    fingerprintSha256: cred.fingerprint('sha256'),
    chainLength: cred.chain.length,
    warnings,
  };
}

export { forge };
