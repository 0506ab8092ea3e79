/**
 * XAdES-EPES enveloped signatures built the way the reference signer does (converters.md §2.4,
 * invopop/xmldsig v0.14.0): references to the document (enveloped-signature transform only),
 * to KeyInfo (profile permitting) and to SignedProperties; digests computed by canonicalizing each
 * part *in its final position* (so inherited namespaces count exactly as a verifier will see them);
 * RSA PKCS#1 v1.5 over SHA-256.
 *
 * The input text is never re-serialized: the signature is spliced in before the root's end tag,
 * so the returned bytes are the bytes that were signed and the bytes that get sent.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { Credential } from '../certificates/credential.ts';
import { goIssuerName } from '../certificates/names.ts';
import { descendants, esc, parseXml, type Element } from '../xml/dom.ts';
import { C14N, canonicalize } from './c14n.ts';
import { DIGESTS, DS_NS, ENVELOPED, PROFILES, RSA_SHA256, SIGNED_PROPERTIES_TYPE, XADES_NS, type DigestName, type ProfileKey, type SignaturePolicy, type SignerRole } from './profiles.ts';

export interface SignOptions {
  readonly profile: ProfileKey;
  /** Used in every Id (`Signature-{docId}-…`); GOBL uses the envelope's head.uuid. */
  readonly docId: string;
  readonly signingTime: Date;
  /** Offset written in SigningTime, in minutes east of UTC (default 0 → `+00:00`). */
  readonly signingTimeOffsetMinutes?: number;
  readonly role?: SignerRole;
  /** Overrides the profile's policy (e.g. another accepted TicketBAI pair). */
  readonly policy?: SignaturePolicy;
}

export interface SignedDocument {
  readonly xml: string;
  readonly signatureValue: string;
  readonly docId: string;
}

const b64 = (b: Buffer) => b.toString('base64');
const digest = (alg: DigestName, data: string | Buffer) => b64(createHash(alg).update(data).digest());

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `yyyy-MM-ddTHH:mm:ss±hh:mm` in the given offset (Go's Facturae time layout). */
export function xadesTime(t: Date, offsetMinutes = 0): string {
  const local = new Date(t.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const PLACEHOLDER_TEXT = { doc: 'PLACEHOLDERDOCDIGEST', keyInfo: 'PLACEHOLDERKEYINFODIGEST', props: 'PLACEHOLDERPROPSDIGEST', value: 'PLACEHOLDERSIGNATUREVALUE' };

function dm(alg: string): string {
  return `<ds:DigestMethod Algorithm="${esc(alg)}"></ds:DigestMethod>`;
}

function signedProperties(cred: Credential, o: SignOptions, id: string): string {
  const p = PROFILES[o.profile];
  const policy = o.policy ?? p.policy;
  const certs = p.signingCertificateChain ? cred.chain : cred.chain.slice(0, 1);
  const certXml = certs
    .map((der) => {
      const serial = BigInt('0x' + new X509Certificate(der).serialNumber).toString(10);
      return (
        `<xades:Cert><xades:CertDigest>${dm(DIGESTS[p.certDigest])}<ds:DigestValue>${digest(p.certDigest, der)}</ds:DigestValue></xades:CertDigest>` +
        `<xades:IssuerSerial><ds:X509IssuerName>${esc(goIssuerName(der))}</ds:X509IssuerName><ds:X509SerialNumber>${serial}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert>`
      );
    })
    .join('');
  const role = o.role && p.roles ? `<xades:SignerRole><xades:ClaimedRoles><xades:ClaimedRole>${esc(p.roles[o.role])}</xades:ClaimedRole></xades:ClaimedRoles></xades:SignerRole>` : '';
  const qualifiers = policy.spuri
    ? `<xades:SigPolicyQualifiers><xades:SigPolicyQualifier><xades:SPURI>${esc(policy.spuri)}</xades:SPURI></xades:SigPolicyQualifier></xades:SigPolicyQualifiers>`
    : '';
  const dof = p.dataObject;
  return (
    `<xades:SignedProperties Id="Signature-${id}-SignedProperties"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${xadesTime(o.signingTime, o.signingTimeOffsetMinutes)}</xades:SigningTime>` +
    `<xades:SigningCertificate>${certXml}</xades:SigningCertificate>` +
    `<xades:SignaturePolicyIdentifier><xades:SignaturePolicyId><xades:SigPolicyId><xades:Identifier>${esc(policy.identifier)}</xades:Identifier>` +
    (policy.description ? `<xades:Description>${esc(policy.description)}</xades:Description>` : '') +
    `</xades:SigPolicyId><xades:SigPolicyHash>${dm(policy.hashMethod)}<ds:DigestValue>${esc(policy.hashValue)}</ds:DigestValue></xades:SigPolicyHash>${qualifiers}</xades:SignaturePolicyId></xades:SignaturePolicyIdentifier>` +
    role +
    `</xades:SignedSignatureProperties><xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference="#Reference-${id}">` +
    (dof.description ? `<xades:Description>${esc(dof.description)}</xades:Description>` : '') +
    `<xades:ObjectIdentifier><xades:Identifier${dof.oidAsUrn ? ' Qualifier="OIDAsURN"' : ''}>urn:oid:1.2.840.10003.5.109.10</xades:Identifier></xades:ObjectIdentifier>` +
    `<xades:MimeType>text/xml</xades:MimeType>` +
    (dof.encoding ? `<xades:Encoding>${esc(dof.encoding)}</xades:Encoding>` : '') +
    `</xades:DataObjectFormat></xades:SignedDataObjectProperties></xades:SignedProperties>`
  );
}

function keyInfo(cred: Credential, id: string): string {
  const certs = cred.chain.map((der) => `<ds:X509Certificate>${b64(der)}</ds:X509Certificate>`).join('');
  const rsa = cred.rsaPublic();
  const kv = rsa ? `<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${rsa.modulus}</ds:Modulus><ds:Exponent>${rsa.exponent}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>` : '';
  return `<ds:KeyInfo Id="Certificate-${id}"><ds:X509Data>${certs}</ds:X509Data>${kv}</ds:KeyInfo>`;
}

function signatureSkeleton(cred: Credential, o: SignOptions): string {
  const p = PROFILES[o.profile];
  const id = o.docId;
  const docRef =
    `<ds:Reference Id="Reference-${id}"${p.docReferenceType ? ` Type="${p.docReferenceType}"` : ''} URI="">` +
    `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"></ds:Transform></ds:Transforms>${dm(DIGESTS[p.docDigest])}<ds:DigestValue>${PLACEHOLDER_TEXT.doc}</ds:DigestValue></ds:Reference>`;
  const kiRef = p.keyInfoReference ? `<ds:Reference URI="#Certificate-${id}">${dm(DIGESTS[p.docDigest])}<ds:DigestValue>${PLACEHOLDER_TEXT.keyInfo}</ds:DigestValue></ds:Reference>` : '';
  const spRef =
    `<ds:Reference Type="${SIGNED_PROPERTIES_TYPE}" URI="#Signature-${id}-SignedProperties"><ds:Transforms><ds:Transform Algorithm="${C14N}"></ds:Transform></ds:Transforms>` +
    `${dm(DIGESTS[p.propertiesDigest])}<ds:DigestValue>${PLACEHOLDER_TEXT.props}</ds:DigestValue></ds:Reference>`;
  return (
    `<ds:Signature xmlns:ds="${DS_NS}" Id="Signature-${id}-Signature"><ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="${C14N}"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="${RSA_SHA256}"></ds:SignatureMethod>` +
    docRef +
    kiRef +
    spRef +
    `</ds:SignedInfo><ds:SignatureValue Id="Signature-${id}-SignatureValue">${PLACEHOLDER_TEXT.value}</ds:SignatureValue>` +
    keyInfo(cred, id) +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES_NS}" Id="Signature-${id}-QualifyingProperties" Target="#Signature-${id}-Signature">` +
    signedProperties(cred, o, id) +
    `</xades:QualifyingProperties></ds:Object></ds:Signature>`
  );
}

function setText(el: Element, value: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(value));
}

/** The offset of the root element's end tag in `xml`. */
function rootEndOffset(xml: string, rootName: string): number {
  const i = xml.lastIndexOf(`</${rootName}`);
  if (i < 0) throw new Error(`cannot find the end tag of <${rootName}>`);
  return i;
}

/**
 * Signs `xml` (a complete document without a ds:Signature) and returns the document with the
 * signature appended as the last child of the root element.
 */
export function signXades(xml: string, cred: Credential, o: SignOptions): SignedDocument {
  if (!/^[A-Za-z0-9._:-]+$/.test(o.docId)) throw new Error('docId may only contain letters, digits, ".", "_", ":" and "-"');
  const p = PROFILES[o.profile];
  const original = parseXml(xml);
  const root = original.documentElement!;
  if (descendants(root, 'Signature', DS_NS).length > 0) throw new Error('the document is already signed');
  const at = rootEndOffset(xml, root.tagName);
  const draft = xml.slice(0, at) + signatureSkeleton(cred, o) + xml.slice(at);

  const doc = parseXml(draft);
  const sig = descendants(doc, 'Signature', DS_NS)[0];
  const byLocal = (local: string) => descendants(sig, local, DS_NS);
  const findId = (local: string, ns: string, id: string) => descendants(sig, local, ns).find((e) => e.getAttribute('Id') === id)!;

  const docDigest = digest(p.docDigest, canonicalize(doc, { algorithm: C14N, exclude: sig }));
  const propsEl = findId('SignedProperties', XADES_NS, `Signature-${o.docId}-SignedProperties`);
  const propsDigest = digest(p.propertiesDigest, canonicalize(propsEl, { algorithm: C14N }));
  const keyInfoEl = findId('KeyInfo', DS_NS, `Certificate-${o.docId}`);
  const keyInfoDigest = p.keyInfoReference ? digest(p.docDigest, canonicalize(keyInfoEl, { algorithm: C14N })) : '';

  const values = new Map<string, string>([
    [PLACEHOLDER_TEXT.doc, docDigest],
    [PLACEHOLDER_TEXT.keyInfo, keyInfoDigest],
    [PLACEHOLDER_TEXT.props, propsDigest],
  ]);
  for (const dv of byLocal('DigestValue')) {
    const v = values.get(dv.textContent ?? '');
    if (v !== undefined) setText(dv, v);
  }
  const signedInfo = byLocal('SignedInfo')[0];
  const signatureValue = b64(cred.sign('sha256', canonicalize(signedInfo, { algorithm: C14N })));
  values.set(PLACEHOLDER_TEXT.value, signatureValue);
  const out = draft.replace(/PLACEHOLDER(?:DOCDIGEST|KEYINFODIGEST|PROPSDIGEST|SIGNATUREVALUE)/g, (m) => values.get(m)!);
  return { xml: out, signatureValue, docId: o.docId };
}
